"""Call the CUDA driver API through ctypes, as the current process: no CUDA toolkit needed.

``check()`` loads ``libcuda.so.1`` and runs cuInit, cuDriverGetVersion, cuDeviceGetCount,
cuDeviceGetName, then a one-line kernel from embedded PTX on a small buffer and checks the
result. Without a loadable driver the check is *skipped* with the reason, never passed. Run it
in a fresh process as the user in question (``jetson-gpu-access cuda-check``), since the driver
opens device nodes with the caller's credentials.
"""

from __future__ import annotations

import ctypes
from typing import Any, Dict, Optional

from .record import frozen_record

LIBRARY = "libcuda.so.1"
ELEMENTS = 64

# add_one(unsigned int *data, unsigned int n): data[i] += 1. Plain PTX, JIT-compiled by the driver.
ADD_ONE_PTX = b"""
.version 6.0
.target sm_50
.address_size 64

.visible .entry add_one(.param .u64 data, .param .u32 n)
{
    .reg .pred %p<2>;
    .reg .b32 %r<7>;
    .reg .b64 %rd<5>;

    ld.param.u64 %rd1, [data];
    ld.param.u32 %r1, [n];
    mov.u32 %r2, %ctaid.x;
    mov.u32 %r3, %ntid.x;
    mov.u32 %r4, %tid.x;
    mad.lo.s32 %r5, %r2, %r3, %r4;
    setp.ge.u32 %p1, %r5, %r1;
    @%p1 bra DONE;
    cvta.to.global.u64 %rd2, %rd1;
    mul.wide.u32 %rd3, %r5, 4;
    add.s64 %rd4, %rd2, %rd3;
    ld.global.u32 %r6, [%rd4];
    add.u32 %r6, %r6, 1;
    st.global.u32 [%rd4], %r6;
DONE:
    ret;
}
\0"""


@frozen_record
class CudaCheck:
    """The outcome: status is pass, fail or skip; ``code`` is the first failing CUresult."""

    status: str
    step: str
    code: Optional[int]
    error_name: Optional[str]
    detail: str
    driver_version: Optional[int]
    device_count: Optional[int]
    device_name: Optional[str]


class _Failure(Exception):
    def __init__(self, step: str, code: int) -> None:
        super().__init__(step)
        self.step, self.code = step, code


def _error_name(lib: Any, code: int) -> str:
    name = ctypes.c_char_p()
    if lib.cuGetErrorName(code, ctypes.byref(name)) == 0 and name.value:
        return name.value.decode()
    return "CUresult {}".format(code)


def _error_text(lib: Any, code: int) -> str:
    text = ctypes.c_char_p()
    if lib.cuGetErrorString(code, ctypes.byref(text)) == 0 and text.value:
        return text.value.decode()
    return ""


def check(library: str = LIBRARY) -> CudaCheck:
    """Initialise the driver and run the smoke kernel; never raises for driver errors."""
    try:
        lib = ctypes.CDLL(library)
    except OSError as error:
        return CudaCheck("skip", "load", None, None, "no CUDA driver here ({})".format(error), None, None, None)
    version = ctypes.c_int(0)
    count = ctypes.c_int(0)
    name = ctypes.create_string_buffer(128)
    progress: Dict[str, Any] = {"driver_version": None, "device_count": None, "device_name": None}

    def call(step: str, result: int) -> None:
        if result != 0:
            raise _Failure(step, result)

    try:
        if lib.cuDriverGetVersion(ctypes.byref(version)) == 0:  # needs no cuInit
            progress["driver_version"] = version.value
        call("cuInit", lib.cuInit(0))
        call("cuDeviceGetCount", lib.cuDeviceGetCount(ctypes.byref(count)))
        progress["device_count"] = count.value
        if count.value < 1:
            raise _Failure("cuDeviceGetCount", 100)
        device = ctypes.c_int(0)
        call("cuDeviceGet", lib.cuDeviceGet(ctypes.byref(device), 0))
        call("cuDeviceGetName", lib.cuDeviceGetName(name, len(name), device))
        progress["device_name"] = name.value.decode("utf-8", "replace")
        detail = _run_kernel(lib, device, call)
    except _Failure as failure:
        return CudaCheck("fail", failure.step, failure.code, _error_name(lib, failure.code),
                         "{} returned {} ({})".format(failure.step, failure.code, _error_text(lib, failure.code)),
                         progress["driver_version"], progress["device_count"], progress["device_name"])
    status = "pass" if detail == "" else "fail"
    return CudaCheck(status, "kernel", None, None, detail or "cuInit, device query and add_one kernel succeeded",
                     progress["driver_version"], progress["device_count"], progress["device_name"])


def _run_kernel(lib: Any, device: Any, call: Any) -> str:
    """Run add_one over ELEMENTS values; '' when every value came back incremented."""
    context = ctypes.c_void_p()
    module = ctypes.c_void_p()
    function = ctypes.c_void_p()
    buffer = ctypes.c_uint64()
    host = (ctypes.c_uint32 * ELEMENTS)(*range(ELEMENTS))
    size = ctypes.sizeof(host)
    call("cuCtxCreate", lib.cuCtxCreate_v2(ctypes.byref(context), 0, device))
    try:
        call("cuModuleLoadData", lib.cuModuleLoadData(ctypes.byref(module), ctypes.c_char_p(ADD_ONE_PTX)))
        call("cuModuleGetFunction", lib.cuModuleGetFunction(ctypes.byref(function), module, b"add_one"))
        call("cuMemAlloc", lib.cuMemAlloc_v2(ctypes.byref(buffer), ctypes.c_size_t(size)))
        try:
            call("cuMemcpyHtoD", lib.cuMemcpyHtoD_v2(buffer, host, ctypes.c_size_t(size)))
            count = ctypes.c_uint32(ELEMENTS)
            params = (ctypes.c_void_p * 2)(ctypes.addressof(buffer), ctypes.addressof(count))
            call("cuLaunchKernel", lib.cuLaunchKernel(function, 1, 1, 1, ELEMENTS, 1, 1, 0, None, params, None))
            call("cuCtxSynchronize", lib.cuCtxSynchronize())
            result = (ctypes.c_uint32 * ELEMENTS)()
            call("cuMemcpyDtoH", lib.cuMemcpyDtoH_v2(result, buffer, ctypes.c_size_t(size)))
        finally:
            lib.cuMemFree_v2(buffer)
    finally:
        lib.cuCtxDestroy_v2(context)
    wrong = [i for i in range(ELEMENTS) if result[i] != i + 1]
    return "" if not wrong else "kernel result wrong at {} of {} elements".format(len(wrong), ELEMENTS)
