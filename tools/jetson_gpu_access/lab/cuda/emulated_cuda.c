/*
 * EMULATED libcuda.so.1 for the jetson-gpu-access lab. Not NVIDIA's driver, and no GPU.
 *
 * It reproduces what the real Jetson driver does at initialisation that matters to this
 * project: it opens the device nodes the real driver needs, with the caller's credentials, so
 * the kernel decides, and it fails with the codes and messages the real driver gives (fact
 * sheet, section 5): a missing or denied /dev/nvmap gives "NvRmMemInitNvmap failed ..." and
 * 100 or 999, a missing or denied render node on R36+ gives 801. After a successful cuInit it
 * offers one device and runs a built-in "add_one" kernel on host memory, enough for a smoke test.
 *
 * What to open comes from a config file (JGA_EMULATED_CUDA_CONF, else
 * /run/jga-lab/emulated-cuda.conf) written by the lab from the profile:
 *   name <device name>
 *   version <driver version, e.g. 12060>
 *   node <path|glob> <r|rw> <code if missing> <code if denied> <label>
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int CUresult;
typedef int CUdevice;
typedef struct { int id; } *CUcontext;
typedef struct { char entry[64]; } *CUmodule;
typedef struct { int kind; } *CUfunction;
typedef uint64_t CUdeviceptr;
typedef void *CUstream;

enum {
    OK = 0, INVALID_VALUE = 1, NOT_INITIALIZED = 3, NO_DEVICE = 100, INVALID_DEVICE = 101,
    INVALID_IMAGE = 200, INVALID_CONTEXT = 201, NOT_FOUND = 500, OPERATING_SYSTEM = 304,
    NOT_SUPPORTED = 801, UNKNOWN = 999
};

static int initialised = 0;
static CUresult init_result = -1;
static char device_name[128] = "Jetson (EMULATED)";
static int driver_version = 12060;
static struct { int id; } the_context = {1};
static struct { int kind; } add_one = {1};

static const char *conf_path(void) {
    const char *path = getenv("JGA_EMULATED_CUDA_CONF");
    return path && *path ? path : "/run/jga-lab/emulated-cuda.conf";
}

/* Open every node matching pattern; returns 0 ok, 1 none exist, 2 denied (errno kept). */
static int open_nodes(const char *pattern, const char *access, int *err, char *failed, size_t len) {
    glob_t found;
    int flags = strcmp(access, "r") == 0 ? O_RDONLY : O_RDWR;
    if (glob(pattern, 0, NULL, &found) != 0 || found.gl_pathc == 0) {
        globfree(&found);
        snprintf(failed, len, "%s", pattern);
        return 1;
    }
    int opened = 0, status = 0;
    for (size_t i = 0; i < found.gl_pathc; i++) {
        int fd = open(found.gl_pathv[i], flags | O_CLOEXEC);
        if (fd >= 0) { close(fd); opened++; continue; }
        if (!status) { *err = errno; snprintf(failed, len, "%s", found.gl_pathv[i]); status = 2; }
    }
    globfree(&found);
    /* Like the real driver with several render nodes, one usable node is enough. */
    return opened ? 0 : status;
}

static void report(const char *label, const char *path, int missing, int err) {
    const char *why = missing ? "No such file or directory" : strerror(err);
    if (strcmp(label, "nvmap") == 0) {
        fprintf(stderr, "NvRmMemInitNvmap failed with %s\n", why);
        fprintf(stderr, "NvRmMemMgrInit failed: Memory Manager Not supported\n");
        fprintf(stderr, "libnvrm_gpu.so: NvRmGpuLibOpen failed, error=196625\n");
    } else {
        fprintf(stderr, "jga-emulated-cuda: cannot open %s: %s\n", path, why);
    }
}

CUresult cuInit(unsigned int flags) {
    (void)flags;
    if (initialised) return init_result;
    FILE *conf = fopen(conf_path(), "r");
    if (!conf) { initialised = 1; init_result = NO_DEVICE; return init_result; }
    char line[512];
    init_result = OK;
    while (fgets(line, sizeof line, conf)) {
        char pattern[256], access[8], label[64];
        int missing_code, denied_code;
        if (strncmp(line, "name ", 5) == 0) {
            snprintf(device_name, sizeof device_name, "%.127s", line + 5);
            device_name[strcspn(device_name, "\n")] = 0;
        } else if (sscanf(line, "version %d", &driver_version) == 1) {
        } else if (init_result == OK &&
                   sscanf(line, "node %255s %7s %d %d %63s", pattern, access, &missing_code, &denied_code, label) == 5) {
            int err = 0;
            char failed[256] = "";
            int status = open_nodes(pattern, access, &err, failed, sizeof failed);
            int code = status == 1 ? missing_code : status == 2 ? denied_code : OK;
            if (code != OK) {  /* a missing node the driver can do without is not reported */
                report(label, failed, status == 1, err);
                init_result = code;
            }
        }
    }
    fclose(conf);
    initialised = 1;
    return init_result;
}

#define REQUIRE_INIT() do { if (!initialised) return NOT_INITIALIZED; if (init_result) return init_result; } while (0)

CUresult cuDriverGetVersion(int *version) {
    if (!version) return INVALID_VALUE;
    *version = driver_version;
    return OK;
}

CUresult cuDeviceGetCount(int *count) {
    if (!count) return INVALID_VALUE;
    if (!initialised) return NOT_INITIALIZED;
    *count = init_result == OK ? 1 : 0;
    return init_result;
}

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    REQUIRE_INIT();
    if (!device || ordinal != 0) return INVALID_DEVICE;
    *device = 0;
    return OK;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice device) {
    REQUIRE_INIT();
    if (!name || len <= 0 || device != 0) return INVALID_VALUE;
    snprintf(name, (size_t)len, "%s", device_name);
    return OK;
}

static const struct { int code; const char *name; const char *text; } errors[] = {
    {OK, "CUDA_SUCCESS", "no error"},
    {INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {NO_DEVICE, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {INVALID_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
    {INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {OPERATING_SYSTEM, "CUDA_ERROR_OPERATING_SYSTEM", "OS call failed or operation not supported on this OS"},
    {NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {NOT_SUPPORTED, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
    {UNKNOWN, "CUDA_ERROR_UNKNOWN", "unknown error"},
};

static int error_index(CUresult code) {
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].code == code) return (int)i;
    return -1;
}

CUresult cuGetErrorName(CUresult code, const char **name) {
    int i = error_index(code);
    if (!name || i < 0) return INVALID_VALUE;
    *name = errors[i].name;
    return OK;
}

CUresult cuGetErrorString(CUresult code, const char **text) {
    int i = error_index(code);
    if (!text || i < 0) return INVALID_VALUE;
    *text = errors[i].text;
    return OK;
}

CUresult cuCtxCreate_v2(CUcontext *ctx, unsigned int flags, CUdevice device) {
    (void)flags;
    REQUIRE_INIT();
    if (!ctx || device != 0) return INVALID_VALUE;
    *ctx = (CUcontext)&the_context;
    return OK;
}
CUresult cuCtxCreate(CUcontext *ctx, unsigned int flags, CUdevice device) { return cuCtxCreate_v2(ctx, flags, device); }
CUresult cuCtxDestroy_v2(CUcontext ctx) { return ctx == (CUcontext)&the_context ? OK : INVALID_CONTEXT; }
CUresult cuCtxDestroy(CUcontext ctx) { return cuCtxDestroy_v2(ctx); }
CUresult cuCtxSynchronize(void) { REQUIRE_INIT(); return OK; }

CUresult cuModuleLoadData(CUmodule *module, const void *image) {
    REQUIRE_INIT();
    if (!module || !image) return INVALID_VALUE;
    const char *ptx = image;
    const char *entry = strstr(ptx, ".entry ");
    if (!strstr(ptx, ".version") || !entry) return INVALID_IMAGE;
    CUmodule made = calloc(1, sizeof *made);
    if (!made) return UNKNOWN;
    sscanf(entry + 7, "%63[A-Za-z0-9_]", made->entry);
    *module = made;
    return OK;
}

CUresult cuModuleUnload(CUmodule module) { free(module); return OK; }

CUresult cuModuleGetFunction(CUfunction *function, CUmodule module, const char *name) {
    REQUIRE_INIT();
    if (!function || !module || !name) return INVALID_VALUE;
    if (strcmp(name, module->entry) != 0 || strcmp(name, "add_one") != 0) return NOT_FOUND;
    *function = (CUfunction)&add_one;
    return OK;
}

CUresult cuMemAlloc_v2(CUdeviceptr *ptr, size_t size) {
    REQUIRE_INIT();
    if (!ptr || !size) return INVALID_VALUE;
    void *memory = calloc(1, size);
    if (!memory) return UNKNOWN;
    *ptr = (CUdeviceptr)(uintptr_t)memory;
    return OK;
}
CUresult cuMemFree_v2(CUdeviceptr ptr) { free((void *)(uintptr_t)ptr); return OK; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void *src, size_t size) {
    REQUIRE_INIT();
    memcpy((void *)(uintptr_t)dst, src, size);
    return OK;
}
CUresult cuMemcpyDtoH_v2(void *dst, CUdeviceptr src, size_t size) {
    REQUIRE_INIT();
    memcpy(dst, (const void *)(uintptr_t)src, size);
    return OK;
}

/* add_one(unsigned int *data, unsigned int n): data[i] += 1 for every i < n in the grid. */
CUresult cuLaunchKernel(CUfunction f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx,
                        unsigned int by, unsigned int bz, unsigned int shared, CUstream stream, void **params,
                        void **extra) {
    (void)shared; (void)stream; (void)extra;
    REQUIRE_INIT();
    if (f != (CUfunction)&add_one || !params) return INVALID_VALUE;
    unsigned int *data = (unsigned int *)(uintptr_t)(*(CUdeviceptr *)params[0]);
    unsigned int n = *(unsigned int *)params[1];
    unsigned long threads = (unsigned long)gx * gy * gz * bx * by * bz;
    for (unsigned long i = 0; i < threads && i < n; i++) data[i] += 1;
    return OK;
}
