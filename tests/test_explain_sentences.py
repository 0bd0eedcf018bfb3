"""explain's sentence readers: what a report says in words, in the languages reports come in (Japanese, Chinese, Korean,
Russian, German, Spanish, French, Italian) and in English: the seat and root said apart, another board or machine named
beside this one, a question, a fix said done, groups said added, a Mac; with the listings those words stand beside
(a node's group, a nameless GID, an exec's user). Each case is a synthetic paste written for this test (no corpus text).
"""

from __future__ import annotations

import pytest

from explainreading import JETSON_32, JETSON_35, JETSON_36, PC, ids, read_cause
from jetson_gpu_access.explain import (
    explain,
    find_failure,
    shown_platform,
)
from jetson_gpu_access.textfacts import read

# ---- the sentence readers, in the languages reports come in ----

@pytest.mark.parametrize("said", [
    "HDMIモニタを接続してデスクトップにログインしている間は、SSHで入ったユーザーでもCUDAが動きます。",
    "모니터를 연결하고 GNOME 데스크톱에 로그인해 있으면, SSH 접속해도 CUDA가 정상 동작합니다.",
    "CUDA ne marche que lorsque je suis connecté sur le bureau GNOME avec l'écran branché.",
    "CUDA funktioniert nur, wenn ich am Desktop angemeldet bin; per SSH kommt Fehler 801.",
    "CUDA solo funciona cuando tengo la sesión abierta en el escritorio.",
])
def test_the_seat_said_in_another_language_is_the_seat(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\ntaro@orin:~$ ./deviceQuery\ncudaGetDeviceCount returned 801\nResult = FAIL"
    assert read_cause(text).cause.id == "seat-acl-only"


@pytest.mark.parametrize("said", ["Con el monitor HDMI conectado torch.cuda.is_available() funciona; por SSH falla con 801.",
                                  "Con la sesión iniciada torch.cuda.is_available() devuelve True; por SSH falla con 801."])
def test_a_display_attached_or_a_session_started_in_spanish_is_the_seat(said: str) -> None:
    assert read_cause(JETSON_36 + "\n" + said).cause.id == "seat-acl-only"


def test_a_contrast_read_over_three_lines_is_evidenced_by_a_line_that_holds_it() -> None:
    header = "Xavier NX developer kit, JetPack 5.1.1, flashed with SDK Manager last week, running our usual stack here"
    text = (header + "\nInside the container as the user jovyan torch.cuda.is_available() is False, and the same\n"
            "check is True with sudo.\n")
    result = read_cause(text)
    denial = [m for m in result.matches if m.id == "denial-words"]
    assert denial and denial[0].line != header, denial


def test_a_seat_contrast_wrapped_over_three_lines_is_the_seat() -> None:
    """Two sentences wrapped at the paste's width: the display's side ends on the second line, SSH's failure on the
    third."""
    text = ("Jetson Orin Nano con JetPack 6.2. Cuando tengo el monitor HDMI conectado y la sesión iniciada en el\n"
            "escritorio, torch.cuda.is_available() devuelve True. Por SSH, con el mismo usuario y sin nadie\n"
            'conectado al escritorio, devuelve False y sale "Error 801: operation not supported".\n')
    assert read_cause(text).cause.id == "seat-acl-only"


@pytest.mark.parametrize("said", [
    "Als root funktioniert es, als normaler Benutzer kommt Fehler 801.",
    "Под root всё работает, под обычным пользователем — ошибка 801.",
    "Como root funciona, pero como usuario normal no funciona.",
])
def test_root_s_side_said_in_another_language_is_the_denial(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\nivan@agx:~$ ./deviceQuery\ncudaGetDeviceCount returned 801"
    result = read_cause(text)
    assert "denial-words" in [m.id for m in result.matches] and result.cause.id == "render-node-denied", result.cause


@pytest.mark.parametrize("said", [
    "With `docker exec -it -u dev devbox bash` CUDA works.\nThrough VS Code Remote-SSH as `dev`, the same user, it does "
    "not work.",
    "`docker exec -it -u dev devbox bash` で入ると CUDA は動きます。\nVS Code の Remote-SSH で `dev` として入ると、同じユーザーなの"
    "に動きません。",
    "Se entro con `docker exec -it -u ricerca lab bash` la GPU funziona.\nSe entro via SSH, con lo stesso utente, CUDA non "
    "parte:",
])
def test_exec_working_and_a_login_failing_said_in_words_is_the_login(said: str) -> None:
    """The engine's exec keeps the groups the launch added; a login into the same container rebuilds them."""
    text = (JETSON_36 + "\ndocker run -d --name devbox --runtime nvidia --group-add 44 --group-add 994 -p 2222:22 devbox\n"
            + said + "\n$ ./deviceQuery\ncudaGetDeviceCount returned 801\n$ stat -c '%a %u:%g %n' /dev/dri/renderD128\n"
            "660 0:994 /dev/dri/renderD128")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"


@pytest.mark.parametrize("said", ["It does not work over SSH, and docker exec does not work either.",
                                  "Über SSH geht es nicht, mit docker exec geht es auch nicht."])
def test_exec_failing_too_is_no_login_contrast(said: str) -> None:
    assert "groups-lost-words" not in ids(JETSON_36 + "\n" + said)


@pytest.mark.parametrize("line", ["- Orange Pi 5 Plus (RK3588, 16GB), Ubuntu 22.04, kernel 6.1.0-1025-rockchip, aarch64",
                                  "$ uname -r\n6.6.31+rpt-rpi-2712", "Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4"])
def test_another_arm_board_is_no_jetson(line: str) -> None:
    """An arm64 board with no NVIDIA GPU (Rockchip, Broadcom): an L4T image or a Jetson's error there is no Jetson's. It
    is a system of its own (shown beside the PCs), said to be what it is, not a PC, and what fails there is no NVIDIA
    GPU's access."""
    text = (line + "\n$ docker run --rm -it dustynv/l4t-pytorch:r36.2.0 python3 -c 'import torch'\n"
            "NvRmMemInitNvmap failed with No such file or directory")
    result = explain(text)
    assert shown_platform(result.observed)[0] == "pc"
    assert read_cause(text).cause.id == "not-gpu-access"
    said = [s.text for s in result.statements]
    assert any(s.startswith("another maker's Arm board, not a Jetson") for s in said) and not any(
        s.startswith("a PC") for s in said), said


def test_a_pc_shown_beside_another_arm_board_is_said_to_be_the_pc() -> None:
    text = ("The same image runs CPU-only on my Raspberry Pi 5, as expected.\nOn the workstation with an RTX 4090 it "
            "fails:\nRuntimeError: No CUDA GPUs are available")
    assert "a PC: RTX 4090" in [s.text for s in explain(text).statements]


@pytest.mark.parametrize("line", ["Jetson Nano with a Raspberry Pi camera v2 on CSI", "Raspberry Pi Camera Module 3 (IMX708)",
                                  "Using the Raspberry Pi High Quality Camera (IMX477) on our nano"])
def test_a_raspberry_pi_camera_on_a_jetson_is_no_raspberry_pi(line: str) -> None:
    assert shown_platform(explain(JETSON_32 + "\n" + line).observed)[0] == "jetson"
    assert shown_platform(explain(line).observed)[0] != "pc"


@pytest.mark.parametrize("line", ["$ sudo apt install nvidia-utils-535\nE: Unable to locate package nvidia-utils-535",
                                  "ii  nvidia-dkms-550            550.120-0ubuntu0.22.04.1  arm64  NVIDIA DKMS package"])
def test_a_desktop_driver_package_wanted_or_built_for_arm64_beside_a_jetson_is_no_second_system(line: str) -> None:
    """A package the user asks for, or an arm64 build of the desktop driver's, names no PC beside the Jetson's own
    release line: the paste holds one system."""
    result = explain(JETSON_35 + "\n" + line + "\nRuntimeError: No CUDA GPUs are available")
    assert not result.systems and shown_platform(result.observed)[0] == "jetson", result.systems


def test_a_question_whether_the_gpu_works_says_not_that_it_does() -> None:
    text = JETSON_35 + "\nHow do I install the NVIDIA driver so nvidia-smi works? I need it to monitor GPU usage."
    assert "gpu-works-words" not in ids(text)


@pytest.mark.parametrize("line", ["[  202.248149] nouveau 57000000.gpu: Direct firmware load for nvidia/gk20a/fecs_inst.bin failed",
                                  "nouveau 17000000.gpu: gp10b: failed to load firmware",
                                  "Direct firmware load for nvidia/gk20a/fecs_inst.bin failed\nI have a /lib/firmware/nouveau "
                                  "folder, not nvidia."])
def test_nouveau_on_a_tegra_gpu_is_no_pc(line: str) -> None:
    """Mainline Linux's nouveau driving a Tegra GPU names it by its chip or its platform device, not a PCI address."""
    assert shown_platform(explain(line).observed)[0] != "pc"
    assert read_cause(line).cause.id != "x86-discrete-gpu"


def test_an_exec_into_the_container_as_a_numeric_uid_gid_is_the_numeric_user() -> None:
    """`docker exec -u uid:gid` gives the session that GID alone, as a numeric launch does: the image's memberships that
    `exec -u app` gets are dropped, whatever the same uid's name."""
    text = (JETSON_36 + "\n$ docker run -d --name svc --runtime nvidia -v /dev:/dev -u app registry.local/svc:3.1\n"
            '$ docker exec -it -u "$(id -u):$(id -g)" svc python3 -m svc.selftest\n[selftest] cuInit -> 801\n'
            '$ docker exec -it -u "$(id -u):$(id -g)" svc id\nuid=1000(app) gid=1000(app) groups=1000(app)\n'
            "$ docker exec -it -u app svc id\nuid=1000(app) gid=1000(app) groups=1000(app),44(video),993(render)")
    result = read_cause(text)
    assert result.cause.id == "uid-gid-launch", result.cause
    assert not any("rebuilds its groups from the image's /etc/group" in s.text and "$(id -u)" in s.text
                   for s in result.statements)


def test_the_node_the_pasted_process_is_denied_outranks_one_only_a_login_would_lack() -> None:
    """The process holds the render GID (985) and not the host's video GID (986, the image calls 44 video): nvmap, which
    its error names, is what failed it; the render node only a new login would lose."""
    text = (JETSON_36 + "\nroot@orin-nx:~# getent group video render\nvideo:x:986:weston\nrender:x:985:\n"
            "root@orin-nx:~# ls -l /dev/nvmap /dev/dri/renderD128\n"
            "crw-rw---- 1 root video  10, 121 Mar 10 12:01 /dev/nvmap\n"
            "crw-rw---- 1 root render 226, 128 Mar 10 12:01 /dev/dri/renderD128\n"
            "root@orin-nx:~# docker run --rm --runtime nvidia -v /dev:/dev -u 1000 --group-add video --group-add 985 "
            "app:1.2 sh -c 'id; probe'\nuid=1000(app) gid=1000(app) groups=1000(app),44(video),985\n"
            "NvRmMemInitNvmap failed with Permission denied\nprobe: cuInit = 999")
    assert read_cause(text).cause.id == "tegra-nodes-denied"


def test_a_gid_added_that_no_listed_node_has_is_the_node_s_group_missing() -> None:
    """992 added (copied from another Orin), the render node's group 993: holding video's 44 says nothing of render's."""
    text = (JETSON_36 + '\n"User": "1000:1000",\n$ docker run -d --runtime nvidia -u 1000:1000 --group-add 44 --group-add 992 '
            "-v /dev:/dev acme/vision:2.3\n$ docker exec vision id\nuid=1000 gid=1000 groups=1000,44(video),992\n"
            "$ docker exec vision stat -c '%a %u:%g %n' /dev/nvmap /dev/dri/renderD128\n660 0:44 /dev/nvmap\n"
            "660 0:993 /dev/dri/renderD128\n[vision] cuInit failed: 801 (CUDA_ERROR_NOT_SUPPORTED)")
    result = read_cause(text)
    assert result.cause.id == "render-node-denied" and "992" in result.cause.why.text, result.cause


def test_working_in_the_container_and_failing_on_the_host_is_no_host_that_works() -> None:
    """The contrast turns the other way: the host's own build fails, a container as root works."""
    text = (JETSON_36 + "\nInside the l4t-pytorch container CUDA works, but my own build on the host doesn't:\n"
            "$ ./build/my_cuda_app\nCUDA error at main.cu:42 code=801(cudaErrorNotSupported)\n$ groups\n"
            "jdoe adm sudo video plugdev\n$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Feb  1 11:05 "
            "/dev/dri/renderD128")
    assert read_cause(text).cause.id != "nodes-missing-in-container"


@pytest.mark.parametrize("said", ["Do I need to add my user to the render group? I don't even know if the image has one.",
                                  "Already added my user to the docker group (sudo usermod -aG docker $USER) and rebooted, "
                                  "still cannot use the GPU inside the container as user `ros`:"])
def test_a_question_or_the_docker_group_is_no_root_user_contrast(said: str) -> None:
    """Asking whether to join a group, or joining the docker group (which grants the engine, not the GPU), says nothing
    of root reaching the GPU where a user does not."""
    assert "denial-words" not in ids(JETSON_36 + "\n" + said + "\ncuInit failed: 801 (CUDA_ERROR_NOT_SUPPORTED)")


@pytest.mark.parametrize(("line", "model"), [("- Orin AGX directly on the host, JetPack 6.1", "Orin AGX"),
                                             ("Jetson Nano-2GB developer kit, JetPack 4.6.4, as the kiosk user",
                                              "Jetson Nano-2GB developer kit"),
                                             ("NVIDIA Jetson TX2-4GB, JetPack 4.6.3", "NVIDIA Jetson TX2-4GB"),
                                             ("Jetson Orin Nano con JetPack 6", "Jetson Orin Nano"),
                                             ("Jetson AGX Orin 64GB devkit, JetPack 6.1", "Jetson AGX Orin 64GB devkit")])
def test_a_model_ends_where_its_words_end(line: str, model: str) -> None:
    assert explain(line).observed.model == model


@pytest.mark.parametrize(("line", "shown"), [
    ("However, CUDA 11 is not supported for the Jetson Nano yet.", "a Jetson: model Jetson Nano"),
    ("With JetPack 7.2, the Jetson Orin series is supported.", "a Jetson: model Jetson Orin series"),
])
def test_the_model_the_reply_names_ends_where_its_words_end(line: str, shown: str) -> None:
    """The statement that names the machine names the model as observed.model has it, not the sentence after it."""
    assert shown in [s.text for s in explain(line).statements]


def test_the_tegra_nodes_passed_by_hand_without_the_render_node_on_jetpack_6_is_a_missing_node() -> None:
    """On JetPack 6 CUDA opens /dev/dri/renderD* too: passed the Tegra nodes alone, root gets 801 as any user would."""
    text = ("Orin NX, L4T 36.4.3. Container runs as root.\ndocker run --rm -it --device /dev/nvmap --device /dev/nvhost-ctrl "
            "--device /dev/nvhost-ctrl-gpu --device /dev/nvgpu/igpu0/ctrl cuda-sample:12.6 /samples/deviceQuery\n"
            "cudaGetDeviceCount returned 801\n-> operation not supported\nroot@d3c1:/# whoami\nroot")
    assert read_cause(text).cause.id == "nodes-missing-in-container"
    # with the render node passed as well, the node is there: no missing node
    assert read_cause(text.replace("--device /dev/nvmap", "--device /dev/nvmap --device /dev/dri")).cause.id \
        != "nodes-missing-in-container"


@pytest.mark.parametrize("added", ['--group-add=$(stat -c "%g" /dev/dri/render*)', "--group-add `stat -c %g /dev/dri/renderD128`",
                                   "--group-add 992"])
def test_a_nameless_gid_a_launch_added_by_number_or_substitution_is_the_launch_s(added: str) -> None:
    """`groups: cannot find name for group ID 992` after a launch that adds the render node's GID (by number, or by a
    substitution the paste does not answer): the launch gave it, not the toolkit."""
    text = ("$ docker run -it --rm --device /dev/dri:/dev/dri " + added + " --user root openvino/model:latest\n"
            "groups: cannot find name for group ID 992\n")
    result = read_cause(text)
    assert result.cause.id == "not-gpu-access" and any("group-add" in line for line in result.cause.why.evidence), result.cause


def test_a_nameless_gid_beside_a_variable_that_may_hold_a_name_is_not_called_the_launch_s() -> None:
    """`--group-add $RENDER_GROUP` may hold a name: the nameless GID is not shown to be the launch's number."""
    text = ("$ docker run -it --rm --runtime nvidia --group-add $RENDER_GROUP --user root l4t-app:latest\n"
            "groups: cannot find name for group ID 992\n")
    assert "numeric --group-add" not in read_cause(text).cause.why.text


@pytest.mark.parametrize("text", [
    "> ColabFold on Mac\n> WARNING:absl:No GPU/TPU found, falling back to CPU.\n> RuntimeError: Unknown backend GPU\n"
    "The information for my MacBook Pro\nGraphics: Intel UHD Graphics 630 1536 MB\n",
    "Running on an Apple M2 Max, torch.cuda.is_available() returns False\n",
    "ProductName: macOS 14.4.1\nAssertionError: Torch not compiled with CUDA enabled\n",
    "- Platform: macOS-14.4.1-arm64-arm-64bit\n- PyTorch version (GPU?): 2.3.0 (False)\n"
    "RuntimeError: Found no NVIDIA driver on your system.\n",
    "Docker Desktop 4.29 on macOS 14.4 (docker client 26.0):\n$ docker run --gpus all nvidia/cuda:12.4.0-base-ubuntu22.04 "
    "nvidia-smi\ndocker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]].\n",
    # (PyTorch's Apple GPU backend asked for; a macOS home folder's Python)
    "model = self.Model(self.Policy, train_env, device=\"mps\")\nUsing cpu device\n",
    "Location: /Users/ana/miniconda3/lib/python3.10/site-packages\nAssertionError: Torch not compiled with CUDA enabled\n",
    # (a Mac said in a title's "in Mac"; a macOS home folder's Desktop in a Podman VM's mount)
    "RunCellpose crashes when using Podman with GPU in Mac\nWARNING: The NVIDIA Driver was not detected.  GPU "
    "functionality will not be available.\n",
    "['podman', 'run', '-v', '/Users/ana/Desktop/tmp:/data', 'org/app:4.0', '--gpus', 'all']\nWARNING: The NVIDIA Driver "
    "was not detected.  GPU functionality will not be available.\n",
])
def test_cuda_asked_of_a_mac_is_no_gpu_access_problem(text: str) -> None:
    """CUDA has had no macOS release since 10.2, and Apple's GPUs do not run it: a Mac that finds no CUDA GPU has none
    to grant."""
    result = read_cause(text)
    assert "mac-no-cuda" in {m.id for m in result.matches} and result.cause.id == "not-gpu-access", result.cause


@pytest.mark.parametrize(("text", "cause"), [
    (JETSON_36 + "\nI develop on my MacBook and ssh into the Orin.\n$ ./probe\ncuInit(0) = 801\n", "render-node-denied"),
    (PC + "\nFrom my MacBook I ssh into the server:\n$ nvidia-smi\nFailed to initialize NVML: Driver/library version "
     "mismatch\n", "x86-discrete-gpu"),
    ("Hardware: MacBook Pro (Retina, Mid 2012) with NVIDIA GT 650M, running Ubuntu 18.04 natively\n$ ./deviceQuery\n"
     "cudaGetDeviceCount returned 35\n-> CUDA driver version is insufficient for CUDA runtime version\n", "x86-discrete-gpu"),
    ("My laptop is a MacBook Air (M2), I work on our lab box from it.\nThe box: Ubuntu 22.04, 2x RTX A6000.\n$ nvidia-smi\n"
     "Failed to initialize NVML: Driver/library version mismatch\n", "x86-discrete-gpu"),
    ("The script runs fine on my MacBook with the mps backend.\nOn the Jetson Orin Nano dev kit it does not use the GPU:\n"
     "$ pip3 install torch torchvision\n$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nFalse\n",
     "jetson-software-mismatch"),
    ("kim@Kims-MacBook-Pro ~ % scp yolov8n.engine nvidia@orin-nx.local:~/models/\nnvidia@orin-nx:~$ python3 infer.py\n"
     "[TRT] [E] 6: The engine plan file is generated on an incompatible device, expecting compute 8.7 got compute 8.6, "
     "please rebuild.\n", "jetson-software-mismatch"),
])
def test_a_mac_named_beside_another_machine_s_gpu_is_not_the_machine_that_fails(text: str, cause: str) -> None:
    """A Mac that is the client (ssh, scp, "I work on the box from it"), where the code also runs (a Jetson), or that runs
    Linux on its own NVIDIA GPU: the other machine's, or that GPU's, reading decides."""
    assert read_cause(text).cause.id == cause


def test_a_gid_the_start_up_held_without_a_name_and_the_session_lacks_is_a_lost_group() -> None:
    """`groups: cannot find name for group ID 993` at the container's start: its first process held 993 (the toolkit's
    or --group-add's); the user's `id` after the entrypoint's switch lacks it."""
    text = (JETSON_36 + "\nnvidia-container-toolkit 1.19.1\ngroups: cannot find name for group ID 993\n"
            " * Starting workspace as admin\nadmin@orin:/ws$ ros2 launch encoder\n"
            "[ERROR] CUDA error: operation not supported (cudaErrorNotSupported)\nadmin@orin:/ws$ id\n"
            "uid=1000(admin) gid=1000(admin) groups=1000(admin),27(sudo),44(video)")
    assert read_cause(text).cause.id == "login-drops-runtime-groups"
    held = explain(text.replace("44(video)", "44(video),993")).cause
    assert "held GID 993" not in held.why.text, held


def test_a_node_listed_with_the_root_group_is_gid_0_not_a_collision() -> None:
    """The root group is GID 0 on every Linux: a container's node listed as root:root (toolkit 1.18.2) collides with
    no group of the host's."""
    text = (JETSON_36 + "\nnvidia-container-toolkit 1.18.2\ninside container (user \"svc\"):\n$ ls -l /dev/nvmap\n"
            "cr--r----- 1 root root 10, 123 Jan 23 10:02 /dev/nvmap\n$ id\nuid=1000(svc) gid=1000(svc) groups=1000(svc),44(video)\n"
            "NvRmMemInitNvmap failed with Permission denied")
    said = [s.text for s in explain(text).statements]
    assert not any("collides" in s for s in said), said


@pytest.mark.parametrize("launch", [
    "$ docker run --rm --platform linux/arm64 --gpus all dustynv/l4t-pytorch:r36.4.0 python3 -c 'import torch'",
    "qemu-user-static and binfmt are installed\n$ docker run --rm --gpus all dustynv/l4t-pytorch:r36.4.0 python3 -c 'import torch'",
])
def test_an_l4t_image_emulated_on_a_pc_is_the_pc_s(launch: str) -> None:
    """An arm64 L4T image run under an emulator on a PC prints a Jetson library's errors, but no Jetson is there: the
    runtime cannot bring Tegra nodes to a PC, whatever it is started with."""
    text = ("Ubuntu 22.04 x86_64, RTX 3080\n" + launch + "\nNvRmMemInitNvmap failed with No such file or directory\n"
            "NvRmMemMgrInit failed error type: 196626")
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    assert not explain(text).systems  # one machine, the PC: the image's messages are no second system


@pytest.mark.parametrize("prose", ["Our deployment target is a Jetson AGX Orin (works fine there, no issues), but on the "
                                   "dev workstation the containers lose the GPU after a few hours:",
                                   "Production runs on Jetson Orin NX boxes and works fine there; the workstation fails:"])
def test_a_jetson_said_to_work_there_beside_a_pc_s_own_output_is_another_machine(prose: str) -> None:
    text = (prose + "\n$ docker exec trainer nvidia-smi\nFailed to initialize NVML: Unknown Error\n$ nvidia-smi\n"
            "| NVIDIA-SMI 550.120                Driver Version: 550.120        CUDA Version: 12.4     |\n"
            "|   0  NVIDIA GeForce RTX 4090        Off |   00000000:01:00.0  On |                  Off |")
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_driver_version_error_beside_the_gpu_nodes_listed_in_the_container_is_the_software() -> None:
    """CUDA's 35 in a container means the driver library is absent only where the runtime brought nothing: nodes listed
    there show the runtime did its work, and a wheel built for a newer CUDA is what fails."""
    text = ("- Device: Jetson AGX Orin 64GB devkit\n- JetPack: 6.2 (L4T 36.4.3)\n"
            "- Container: nvcr.io/nvidia/l4t-jetpack:r36.4.0 + pip install torch (cu128 index)\n"
            "$ ls -l /dev/nvmap /dev/dri/renderD128\ncrw-rw---- 1 root video 10, 125 Feb 10 14:31 /dev/nvmap\n"
            "crw-rw---- 1 root render 226, 128 Feb 10 14:31 /dev/dri/renderD128\n"
            "RuntimeError: CUDA error: CUDA driver version is insufficient for CUDA runtime version")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("said", ["I can't use the prebuilt wheels, because Tegra is arm/aarch64 rather than x86_64.",
                                  "The board is aarch64, not x86_64, so the pip wheel is no use.",
                                  "Our Xavier is arm64 instead of amd64."])
def test_a_pc_word_said_as_what_this_machine_is_not_names_no_pc(said: str) -> None:
    text = said + "\nCUDA error: no kernel image is available for execution on the device"
    assert not [s for s in explain(text).observed.x86 if s.line == said]
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("line", ["$ kubectl -n gpu-operator get pods", "NVIDIA GPU Operator v23.9.2 on containerd",
                                  "microk8s kubectl -n gpu-operator-resources describe all | grep Warning"])
def test_the_gpu_operator_hints_at_a_pc(line: str) -> None:
    """The GPU Operator does not support Jetson (gpu-operator#1453): a cluster that runs it is most likely of PCs or
    servers; any sign of a Jetson outranks the hint."""
    text = line + "\nFailed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: no " \
        "runtime for \"nvidia\" is configured"
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert shown_platform(explain(JETSON_36 + "\n" + text).observed)[0] == "jetson"


@pytest.mark.parametrize("line", ["Proxmox VE 8.1 host, Jellyfin in an unprivileged LXC",
                                  "TASK ERROR: startup for container '102' failed",
                                  "Unraid 6.12 with the Nvidia-Driver plugin", "$ lxc config set c1 nvidia.runtime true",
                                  "srun --nodes=1 --gpus=2 --container-image=myimage --pty bash -i",
                                  "#SBATCH --gres=gpu:1"])
def test_a_server_host_or_lxd_s_nvidia_runtime_hints_at_a_pc(line: str) -> None:
    """Proxmox VE, Unraid and TrueNAS are host systems built for x86-64 servers (a PC named in words), and Slurm's GPU
    jobs, NVIDIA's enroot and pyxis, and LXD's nvidia.runtime (LXD passes a Jetson's iGPU as a CDI device instead,
    canonical/lxd#13562) hint at one: a Jetson's own release line outranks each."""
    text = line + "\ntorch.cuda.is_available() returns False"  # (a failure that leans to no system of its own)
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    assert shown_platform(explain(JETSON_36 + "\n" + text).observed)[0] == "jetson"


@pytest.mark.parametrize(("line", "system"), [("| NVIDIA-SMI 471.41", "pc"), ("| NVIDIA-SMI 540.4.0", "jetson"),
                                              ("SLES 15.3 with MicroK8s 1.20", "pc"),
                                              ("aarch64 with Nvidia T4G, the `gpu` addon is not available", "pc")])
def test_a_desktop_driver_s_smi_header_a_server_distribution_or_a_t4g_is_a_pc(line: str, system: str) -> None:
    """nvidia-smi's own header gives the driver's branch (JetPack 6 prints 540); SUSE's enterprise distribution and an
    arm server's T4G are no Jetson's."""
    assert shown_platform(explain(line + "\nRuntimeError: Found no NVIDIA driver on your system.").observed)[0] == system


@pytest.mark.parametrize("line", [
    "The command '/bin/sh -c apt-get update && apt-get install -y meson' returned a non-zero code: 100",
    "ERROR: failed to solve: process \"/bin/sh -c pip3 install pyds\" did not complete successfully: exit code: 1",
    "Some services failed to build:",
])
def test_an_image_build_step_that_fails_is_a_build_error(line: str) -> None:
    text = JETSON_36 + "\n$ jetson-containers build deepstream\n" + line
    assert "build-error" in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["getent hosts github.com returned empty (DNS not resolving)",
                                  "curl: (6) Could not resolve host: github.com",
                                  "socket.gaierror: [Errno -3] Temporary failure in name resolution"])
def test_a_name_that_does_not_resolve_is_the_network(line: str) -> None:
    text = JETSON_36 + "\n[INFO]  Jetson detected (jp6) - applying required host configuration\n" + line
    assert "network-failure" in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


def test_an_image_build_step_that_installs_the_gpu_s_software_on_a_jetson_is_the_software() -> None:
    text = ("failed to solve: process \"/bin/sh -c uv venv --python 3.10 &&     uv sync --extra gpu\" did not complete "
            "successfully: exit code: 2\nNVIDIA Jetson AGX Orin")
    assert read_cause(text).cause.id == "jetson-software-mismatch"


@pytest.mark.parametrize("text", [
    "ci@integration-01:~$ python3 -c 'import torch; torch.zeros(1).cuda()'\nRuntimeError: No CUDA GPUs are available",
    "$ docker run --rm acme/integration-tests:1 ./check\nRuntimeError: No CUDA GPUs are available",
])
def test_integration_is_no_tegra(text: str) -> None:
    """"Tegra" inside "integrated" or "integration" names no Jetson."""
    assert not explain(text).observed.jetson


def test_libraries_a_build_makes_are_no_library_that_failed() -> None:
    """A build of a project's own libraries that does not finish on a Jetson is the build's trouble (memory, time), not
    a GPU library missing."""
    text = ("I'm building RTAB-Map on my 2GB Jetson Nano. When building the stand alone RTAB-Map libraries it is unable to "
            "complete the make -j6, it stays at 8% for an hour.")
    failure = find_failure(text)
    assert failure is not None and failure.kind != "library" and read_cause(text).cause.id == "not-gpu-access"
    # a library the build needs and does not find is one that failed
    missing = JETSON_36 + "\nWhen building the engine the cudnn library is not found."
    assert read_cause(missing).cause.id == "jetson-software-mismatch"


def test_a_library_outside_the_gpu_s_stack_whose_symbol_names_an_integration_is_another_program_s() -> None:
    line = ("/opt/ros/humble/lib/glim_ros/glim_rosnode: symbol lookup error: /opt/ros/humble/lib/libglim.so: undefined "
            "symbol: _ZN5gtsam21TangentPreintegrationC2ERKN5boost10shared_ptrE")
    failure = find_failure(line)
    assert failure is not None and failure.kind == "other-library"


@pytest.mark.parametrize("line", [
    "The PPA did not add me to the bumblebee group, so I couldn't run anything using optirun except as root.",
    "[ERROR]You've no permission to communicate with the Bumblebee daemon. Try adding yourself to the 'users' group",
])
def test_bumblebee_and_its_runners_failing_are_a_laptop_s_discrete_gpu(line: str) -> None:
    """Optimus switching (Bumblebee's daemon, optirun, primusrun) is the discrete GPU's own stack on a laptop: its
    failure is the PC's GPU, not another program's."""
    failure = find_failure(line)
    assert failure is not None and failure.kind == "driver" and read_cause(line).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("line", ["| NVIDIA-SMI 540.4.0                Driver Version: 540.4.0      CUDA Version: 12.6     |",
                                  "Driver Version: 540.3.0"])
def test_jetpack_6_s_driver_branch_is_a_jetson_s(line: str) -> None:
    """JetPack 6's nvidia-smi reports driver 540.x (fact sheet, nvidia-smi on JP6); no desktop driver has that branch."""
    text = "root@lab01:~# nvidia-smi\n" + line + "\nERROR: the provided PTX was compiled with an unsupported toolchain."
    assert shown_platform(explain(text).observed)[0] == "jetson"


def test_a_downgrade_that_ends_an_illegal_instruction_is_the_cpu_build() -> None:
    text = ("After installing onnxruntime in my jetsonnano with pip, importing numpy gives illegal instruction (core "
            "dumped)...\nOk there were a problem with numpy, i downgrade it to version 1.19.4 and it now work")
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_library_that_reports_another_cudnn_than_it_was_built_with_is_a_version_mismatch() -> None:
    text = (JETSON_32 + "\n[ WARN:0] global /opt/opencv/modules/dnn/src/cuda4dnn/init.hpp (34) checkVersions cuDNN "
            "reports version 8201 which does not match with the version 8000 with which OpenCV was built")
    assert "versions-mismatched" in ids(text)
    assert read_cause(text).cause.id == "jetson-software-mismatch"


def test_an_availability_check_answered_false_in_prose_on_the_next_line_is_cuda_unavailable() -> None:
    text = "pytorch on a jetson NX, installed with pip\n   torch.cuda.is_available()\ni get false"
    assert "cuda-unavailable" in ids(text)


def test_a_hook_that_fails_for_gpus_alone_on_a_jetson_wants_the_nvidia_runtime() -> None:
    """In csv mode (a Jetson's) the toolkit serves the GPU through its runtime; --gpus calls its hook directly, which
    that mode refuses: the container gets no GPU until it is started with --runtime nvidia."""
    text = ("docker run --rm -it --ipc=host --gpus=all tensorrt_llm/release:latest\norin platform\n"
            "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI "
            "runtime create failed: runc create failed: unable to start container process: error during container init: "
            "error running hook #0: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as 'csv'")
    assert read_cause(text).cause.id == "nodes-missing-in-container"
    with_runtime = text.replace("--gpus=all", "--runtime nvidia")
    assert read_cause(with_runtime).cause.id != "nodes-missing-in-container"


@pytest.mark.parametrize(("text", "cause"), [
    ("- GPU: RTX 4070 Laptop, driver 561.09\n- I'm developing for a Jetson Orin Nano (JetPack 6.0) and want to test the "
     "container on my PC first\n$ docker run --rm -it --platform linux/arm64 --gpus all dustynv/l4t-pytorch:r36.2.0 python3\n"
     "NvRmMemInitNvmap failed with No such file or directory", "x86-discrete-gpu"),
    ("I'm preparing a rootfs for our Orin NX 16GB boards (JetPack 6.1, L4T 36.4.0 BSP) on my build PC\n$ uname -m\nx86_64\n"
     "$ sudo cp /usr/bin/qemu-aarch64-static rootfs/usr/bin/\nNvRmMemInitNvmap failed with No such file or directory\n"
     "cudaGetDeviceCount returned 100", "x86-discrete-gpu"),
    # (another maker's board has no NVIDIA GPU at all: what fails there is not NVIDIA's access)
    ("- Orange Pi 5 Plus (RK3588, 16GB), Ubuntu 22.04, kernel 6.1.0-1025-rockchip, aarch64\nI want to run the YOLO "
     "pipeline from our Jetson Orin Nano on this board\n$ docker run --rm -it dustynv/l4t-pytorch:r36.2.0 python3\n"
     "NvRmMemInitNvmap failed with No such file or directory", "not-gpu-access"),
])
def test_a_jetson_named_in_words_beside_another_machine_that_runs_its_software_is_not_this_one(text: str, cause: str) -> None:
    """A PC that emulates an L4T image, or another arm board, shows its own hardware; a Jetson named only in words (the
    target, where the pipeline came from) and the image's messages show no Jetson's hardware."""
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == cause


def test_versions_that_do_not_fit_the_pc_s_driver_are_the_driver_s() -> None:
    text = (PC + "\ngdrdrv:nvidia_p2p_get_pages(va=704fe0000 len=327680) failed [ret = -22]\n"
            "Turns out, my driver and CUDA combination were not compatible.")
    assert read_cause(text).cause.id == "x86-discrete-gpu"
    packaging = PC + "\nRuntimeError: torchvision version is incompatible with torch 2.1"
    assert read_cause(packaging).cause.id == "not-gpu-access"


@pytest.mark.parametrize("line", ["[opencv_test_calib3d] /home/nvidia/build-opencv/modules/calib3d/test/test_affine3.cpp:57: "
                                  "Failure", "cp: cannot stat '/home/nvidia/models/yolo.onnx': No such file or directory"])
def test_the_default_user_s_home_names_no_gpu(line: str) -> None:
    """A Jetson's default user is called nvidia: a path in /home/nvidia is no GPU's."""
    failure = find_failure(JETSON_32 + "\n" + line)
    assert failure is not None and failure.kind not in ("gpu", "gpu-library", "gpu-node")


@pytest.mark.parametrize("line", [
    "The command '/bin/sh -c apt-get install -y cuda-toolkit-12-6 libcudnn9-cuda-12' returned a non-zero code: 100",
    "ERROR: failed to solve: process \"/bin/sh -c apt-get install -y cuda-compat-12-8\" did not complete successfully: "
    "exit code: 100",
    "cuda-samples build: make exited with code 100",
])
def test_a_process_exit_code_is_no_cuda_error(line: str) -> None:
    assert "cuda-100" not in ids(JETSON_36 + "\n" + line)


@pytest.mark.parametrize("line", [
    "Namespace(dataset='cora', gpu=-1, epochs=200, num_heads=8, num_out_heads=1, num_layers=1)",
    "device=cuda:0 batch=100 workers=4",
    "GPU config: max_batch=999 min_batch=1",
    # (a percentage after a call's bracket, a web server's status: red team 89)
    "GPU load (jtop) = 100% while the model runs",
    "GPU worker: model=yolo_trt device=cuda:0 http_status=200 latency=41ms",
    # (red team 90: a label's bracket, a proxy's status)
    "GPU util (%) = 100",
    "GPU proxy: upstream_status=500 request_time=0.3",
    # (a camera SDK's call whose name holds "Device": red team 91)
    "MV_CC_OpenDevice failed, ret_code=100",
    "uart device write ret=100 (expected 256)",
])
def test_a_setting_s_number_is_no_cuda_error(line: str) -> None:
    """A number assigned to a setting ("epochs=200") is the setting's, whatever GPU word stands earlier on its line; a
    call's result after "=" is CUDA's ("cuInit(0) = 801")."""
    found = ids(JETSON_36 + "\n" + line)
    assert not {"cuda-100", "cuda-200", "cuda-999"} & set(found)


@pytest.mark.parametrize("line, family", [("cuInit(0) = 801", "cuda-801"), ("cudaGetDeviceCount() = 100", "cuda-100"),
                                          ("CUDA driver: cuCtxCreate() = 999", "cuda-999"),
                                          ("CUDA device init failed, ret = 999", "cuda-999"),
                                          ("cuInit(0) failed, ret_code=999", "cuda-999")])
def test_a_call_s_result_after_an_equals_sign_is_cuda_s(line: str, family: str) -> None:
    assert family in ids(JETSON_36 + "\n" + line)


def test_a_page_the_reporter_looked_at_names_not_what_failed() -> None:
    """A link the reporter checked is where they looked; its path's words (a package's "-gpu") are not the failure's."""
    line = ("I checked https://example.org/feed/PyPI/onnxruntime-gpu/overview/1.24.0 and i couldn't see aarch64.")
    failure = find_failure(JETSON_36 + "\n" + line)
    assert failure is not None and failure.kind == "other"
    # (a link given as the error's own page still names it)
    named = find_failure(JETSON_36 + "\nI get the error from https://forums.developer.nvidia.com/t/"
                         "nvrmmeminitnvmap-failed-with-permission-denied/155346 as the service user")
    assert named is not None and named.kind == "gpu-node"
    # (nor one the reporter looked at, where the words point back to it: red team 89)
    back = find_failure(JETSON_36 + "\nI looked at https://forums.developer.nvidia.com/t/nvrmmeminitnvmap-failed-with-"
                        "permission-denied/155346 and I get exactly that error as my user")
    assert back is not None and back.kind == "gpu-node"


@pytest.mark.parametrize("said", ["To get around this bug: https://forums.developer.nvidia.com/t/372683",
                                  "We pin the image to work around the issue."])
def test_a_way_round_something_is_trouble_said(said: str) -> None:
    """A paste that says it works round something says something fails: not "nothing fails"."""
    assert read_cause(said).cause.id != "not-gpu-access"


def test_the_cdi_generator_s_debug_probe_is_no_failure() -> None:
    """podman's and toolbox's CDI generator logs at the debug level that it finds no NVML and skips: a probe on a
    machine without NVIDIA's driver, not what failed (containers/toolbox#1590: the container's own error is)."""
    text = ("DEBU Generating Container Device Interface for NVIDIA: Management Library not found: could not load NVML "
            "library: libnvidia-ml.so.1: cannot open shared object file: No such file or directory\n"
            "DEBU Generating Container Device Interface for NVIDIA: skipping\n"
            "Error: unable to start container \"3254\": crun: cannot stat `/run/avahi-daemon/socket`: No such file or "
            "directory: OCI runtime attempted to invoke a command that was not found")
    assert "nvml-missing" not in ids(text)
    failure = find_failure(text)
    assert failure is not None and failure.line.startswith("Error: unable to start container")


def test_a_device_in_use_after_sudo_beside_the_user_s_cuda_error_is_root_s_run() -> None:
    """"Only works with sudo", then sudo's run using the device: the device in use is root's, not the failing
    session's (red team 89)."""
    text = ("Jetson Orin Nano, JetPack 6.0. My program only works with sudo.\n$ python3 detect.py\n"
            "RuntimeError: CUDA error: unknown error\n$ sudo python3 detect.py\n[INFO] using device cuda:0 ... 30.2 FPS\n"
            "$ id\nuid=1000(dev) gid=1000(dev) groups=1000(dev),4(adm),27(sudo),46(plugdev)")
    assert read_cause(text).cause.id == "tegra-nodes-denied"


def test_a_log_field_naming_the_device_is_not_what_failed() -> None:
    """A service's log line names the device each request ran on (device=cuda:0) beside its own error: the traceback's
    exception is the failure, not a GPU's (red team 89)."""
    text = (PC + "\n2024-05-02 11:20:44 ERROR request_id=7f2b path=/generate device=cuda:0 status_code=500 "
            "error=\"KeyError: 'max_new_tokens'\"\nTraceback (most recent call last):\n  File \"/app/server.py\", "
            "line 88, in generate\n    n = body[\"max_new_tokens\"]\nKeyError: 'max_new_tokens'")
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize("said", ["After resuming from suspend, CUDA fails:", "since waking up from sleep torch says",
                                  "After resuming from suspension, CUDA in the container fails:",
                                  "GPU broken after suspend/resume:"])
def test_cuda_lost_after_a_suspend_is_the_driver_s_sleep(said: str) -> None:
    """A desktop's or laptop's driver (its UVM module) comes back from a suspend unusable: reloading nvidia_uvm mends it
    (pytorch/pytorch#88639, NVIDIA/nvidia-container-toolkit#1155)."""
    text = said + "\nRuntimeError: CUDA error: unknown error"
    assert "gpu-lost-after-suspend" in ids(text)
    assert read_cause(text).cause.id == "x86-discrete-gpu"


@pytest.mark.parametrize("text", [
    "After resuming from suspend the Wi-Fi drops; the laptop has no fan noise.",
    # (red team 91: a run resumed, a script's sleep, a person waking, a job suspended, a Jetson's own resume)
    "After resuming from checkpoint epoch_12.pt:\ntorch.OutOfMemoryError: CUDA out of memory.",
    "The check runs again after the sleep 5 in the entrypoint:\nRuntimeError: CUDA error: unknown error",
    "After waking up I found it had crashed:\nRuntimeError: CUDA error: an illegal memory access was encountered",
    "scontrol suspend 4711, then resumed; after the resume:\nRuntimeError: CUDA error: unknown error",
    "Orin Nano, JetPack 6.0. After resuming from suspend:\nRuntimeError: CUDA error: unknown error"])
def test_what_is_no_machine_s_sleep_is_not_the_driver_s_sleep(text: str) -> None:
    assert "gpu-lost-after-suspend" not in ids(text)


def test_a_dns_failure_inside_a_url_path_is_the_network_not_a_library() -> None:
    text = ("nvidia@orin:~$ docker run --rm -it --runtime nvidia dustynv/ollama:r36.4.0 ollama pull llama3.2:3b\n"
            "Error: pull model manifest: Get \"https://registry.ollama.ai/v2/library/llama3.2/manifests/3b\": dial tcp: "
            "lookup registry.ollama.ai on 127.0.0.53:53: server misbehaving")
    assert "network-failure" in ids(text)
    assert read_cause(text).cause.id == "not-gpu-access"


def test_a_nameless_gid_beside_a_node_the_session_is_denied_is_not_harmless() -> None:
    text = (JETSON_36 + "\nnvidia-container-toolkit 1.18.2-1\nOn the host:\nnvidia@agx:~$ ls -ln /dev/dri/renderD128\n"
            "crw-rw---- 1 0 992 226, 128 May  6 14:20 /dev/dri/renderD128\n"
            "nvidia@agx:~$ docker run --rm -it --runtime nvidia --group-add 992 -u 1000:1000 l4t-jetpack:r36.4.0 bash\n"
            "groups: cannot find name for group ID 992\nroot@a1b2c3d4e5f6:/$ id\nuid=1000 gid=1000 groups=1000,992\n"
            "root@a1b2c3d4e5f6:/$ ls -ln /dev/dri/renderD128\ncrw-rw---- 1 0 0 226, 128 May  6 14:20 /dev/dri/renderD128\n"
            "root@a1b2c3d4e5f6:/$ python3 -c \"import torch; print(torch.cuda.is_available())\"\nFalse")
    assert read_cause(text).cause.id == "toolkit-band"


@pytest.mark.parametrize("line", ["| NVIDIA-SMI 580.00                 Driver Version: 580.00         CUDA Version: 13.0     |",
                                  "E: Failed to fetch https://developer.download.nvidia.com/compute/cuda/repos/ubuntu2404/"
                                  "sbsa/InRelease  Could not connect"])
def test_what_a_thor_prints_like_a_server_names_no_second_system(line: str) -> None:
    """Thor runs the open kernel driver (OpenRM) of the desktop branch and, from JetPack 7, the server (SBSA) CUDA stack
    (fact sheet): beside a Thor, its driver header and an sbsa repository are its own."""
    text = "Jetson AGX Thor devkit, JetPack 7.0. Non-root in a container:\n" + line + \
        "\nNvRmMemInitNvmap failed with Permission denied\ncuInit: 999"
    result = explain(text)
    assert not result.systems and shown_platform(result.observed)[0] == "jetson", result.systems


@pytest.mark.parametrize("said", [
    "Cuando inicio sesión en el escritorio (monitor HDMI) la GPU funciona con mi usuario. Por SSH, sin sesión en el "
    "escritorio, torch.cuda.is_available() devuelve False.",
    "Wenn ich am Desktop angemeldet bin, funktioniert die GPU. Über SSH, ohne Sitzung am Desktop, gibt "
    "torch.cuda.is_available() False zurück.",
])
def test_a_seat_said_absent_on_the_failing_side_is_the_seat_contrast(said: str) -> None:
    """"Over SSH, with nobody at the desktop, it fails": the desktop said absent is the remote side, not the seat's."""
    text = JETSON_36 + "\n" + said + "\n$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Dec 3 09:00 " \
        "/dev/dri/renderD128"
    assert read_cause(text).cause.id == "seat-acl-only"


def test_a_jetson_said_to_work_where_the_pc_is_said_to_fail_is_another_machine() -> None:
    text = ("Works on the Jetson (Orin AGX, JP 6.1), fails on my workstation. Output from the workstation:\n"
            "RuntimeError: Found no NVIDIA driver on your system.\n$ lspci | grep -i nvidia\n"
            "41:00.0 VGA compatible controller: NVIDIA Corporation AD102 [GeForce RTX 4090] (rev a1)")
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_seat_the_paste_says_is_the_difference_is_not_asked_about() -> None:
    text = ("Jetson Orin Nano with JetPack 6.1. When I log in on the desktop (HDMI monitor) the GPU works with my user. "
            "Over SSH, with nobody logged in on the desktop, torch.cuda.is_available() returns False.\n"
            "$ ls -l /dev/dri/renderD128\ncrw-rw---- 1 root render 226, 128 Dec  3 09:00 /dev/dri/renderD128\n$ id\n"
            "uid=1000(maria) gid=1000(maria) groups=1000(maria),4(adm),27(sudo),44(video)")
    result = explain(text)
    assert result.cause.id == "seat-acl-only"
    assert result.question is None or "logged in at the desktop" not in result.question.ask, result.question


def test_a_launch_that_adds_the_gids_of_the_host_s_named_groups_while_the_container_s_nodes_have_gid_0_is_the_band() -> None:
    text = ("nvidia@orin-agx:~$ ls -l /dev/dri/renderD128 /dev/nvmap\n"
            "crw-rw---- 1 root render 226, 128 May  6 14:20 /dev/dri/renderD128\n"
            "crw-rw---- 1 root video   10, 121 May  6 14:20 /dev/nvmap\nnvidia@orin-agx:~$ getent group render\n"
            "render:x:992:nvidia\nnvidia@orin-agx:~$ docker run --rm -it --runtime nvidia --group-add 992 --group-add 44 "
            "-u 1000:1000 l4t-jetpack:r36.4.0 bash\nroot@a1b2c3d4e5f6:/$ ls -ln /dev/dri/renderD128 /dev/nvmap\n"
            "crw-rw---- 1 0 0 226, 128 May  6 14:20 /dev/dri/renderD128\ncrw-rw---- 1 0 0  10, 121 May  6 14:20 /dev/nvmap\n"
            "cudaGetDeviceCount returned 801\nnvidia-container-toolkit 1.18.2-1 is installed.")
    assert read_cause(text).cause.id == "toolkit-band"


def test_a_binary_s_architecture_in_file_s_output_names_no_machine() -> None:
    text = ("nvidia@orin:~$ docker run --rm --runtime nvidia ci.local/vision:latest /opt/vision/bin/gpu_selftest\n"
            "exec /opt/vision/bin/gpu_selftest: exec format error\n"
            "nvidia@orin:~$ docker run --rm --runtime nvidia ci.local/vision:latest file /opt/vision/bin/gpu_selftest\n"
            "/opt/vision/bin/gpu_selftest: ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, "
            "interpreter /lib64/ld-linux-x86-64.so.2, for GNU/Linux 3.2.0, not stripped")
    assert not explain(text).observed.x86


def test_a_pc_named_as_where_the_image_is_built_is_no_machine_of_the_run() -> None:
    text = ("Our CI builds on an x86_64 runner with `docker buildx build --platform linux/arm64` and pushes; on the "
            "Jetson pulling and running works for the CPU parts but:\nnvidia@orin:~$ docker run --rm --runtime nvidia "
            "ci.local/vision:latest /opt/vision/bin/gpu_selftest\nexec /opt/vision/bin/gpu_selftest: exec format error")
    result = explain(text)
    assert shown_platform(result.observed)[0] == "jetson"
    assert not any(w.kind == "emulated arm64" for w in result.observed.words)


def test_group_adds_said_in_words_that_a_login_s_id_lacks_are_lost_through_the_login() -> None:
    text = ("(SSH into the box, then into the container with ssh -p 2200 app@localhost; container started with --runtime "
            "nvidia --group-add 992 --group-add 44)\napp@devbox:~$ python3 -c \"import torch; print(torch.cuda.is_available())\"\n"
            "UserWarning: CUDA initialization: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported\n"
            "False\napp@devbox:~$ id\nuid=1000(app) gid=1000(app) groups=1000(app)")
    assert read_cause(JETSON_36 + "\n" + text).cause.id == "login-drops-runtime-groups"
    held = text.replace("groups=1000(app)", "groups=1000(app),44,992")
    assert read_cause(JETSON_36 + "\n" + held).cause.id != "login-drops-runtime-groups"


def test_a_signature_does_not_run_from_a_command_into_the_next_line_s_output() -> None:
    text = ("[container] # ls -l /dev/dri /dev/nvmap\nls: cannot access '/dev/dri': No such file or directory\n"
            "ls: cannot access '/dev/nvmap': No such file or directory")
    matches = explain(text).matches
    assert matches and all(any(m.signature in line for line in text.split("\n")) for m in matches), matches


def test_a_gpus_launch_whose_runtime_log_selects_the_nodes_got_them() -> None:
    """The NVIDIA runtime's own log (csv mode) selecting the nodes for the container: it ran, as the daemon's default,
    and the nodes reached the container; what is left is the launch's groups."""
    text = ("Orin AGX 32GB, L4T R36.4.3.\nnvidia@agx:~$ docker run --rm --gpus all -u 1000:1000 --group-add 44 myimg ./infer\n"
            "cuInit: CUDA_ERROR_NOT_SUPPORTED (801)\n/var/log/nvidia-container-runtime.log:\n"
            '{"level":"info","msg":"Auto-detected mode as \'csv\'","time":"2025-05-02T09:14:21Z"}\n'
            '{"level":"info","msg":"Selecting /dev/nvmap as /dev/nvmap","time":"2025-05-02T09:14:21Z"}\n'
            '{"level":"info","msg":"Selecting /dev/dri/renderD128 as /dev/dri/renderD128","time":"2025-05-02T09:14:21Z"}')
    assert read_cause(text).cause.id in ("uid-gid-launch", "render-node-denied")


def test_a_container_the_hook_refused_to_create_is_not_asked_about_its_nodes() -> None:
    text = ("docker run --rm -it --gpus=all tensorrt_llm/release:latest\norin platform\ndocker: Error response from daemon: "
            "failed to create task for container: failed to create shim task: OCI runtime create failed: error running "
            "hook #0: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as 'csv'")
    question = explain(text).question
    assert question is None or "in the container at all" not in question.ask, question


def test_a_windows_path_is_named_whole() -> None:
    signs = read("PS C:\\Users\\anna> wsl\nanna@DESKTOP-7H2K:~$ nvidia-smi").observed.x86
    assert any(s.value == "C:\\Users\\anna" for s in signs), signs


@pytest.mark.parametrize("text", [
    # an id taken on the host beside group-adds said in words and an SSH into the Jetson itself
    JETSON_36 + "\n(container started with --group-add 992 --group-add 44; I ssh into the Jetson)\nnvidia@orin:~$ id\n"
    "uid=1000(nvidia) gid=1000(nvidia) groups=1000(nvidia)\nError 801: operation not supported",
])
def test_group_adds_said_in_words_beside_the_host_s_id_are_no_login_loss(text: str) -> None:
    assert read_cause(text).cause.id != "login-drops-runtime-groups"


@pytest.mark.parametrize("text", ["Our deployment target is a Jetson Orin NX 16GB. On the Orin, as a non-root user:\n"
                                  "cuInit: 801\nI develop on an x86_64 laptop.",
                                  "The container works on the Orin but not x86_64.\nRuntimeError: No CUDA GPUs are available"])
def test_a_jetson_named_as_the_target_or_a_pc_said_to_fail_keeps_its_reading(text: str) -> None:
    """Over-reach checks: a deployment target is not a machine said to work, and "but not x86_64" is no "not a PC"."""
    platform = shown_platform(explain(text).observed)[0]
    assert platform == ("jetson" if text.startswith("Our") else "pc"), platform


@pytest.mark.parametrize("line", ["Resolved 42 packages in 1.2s", "Has anyone solved this?"])
def test_a_package_count_or_a_question_is_no_solved_report(line: str) -> None:
    assert not [w for w in read(JETSON_36 + "\n" + line).observed.words if w.kind == "solved"]


@pytest.mark.parametrize("line", ["make exited with error code 100", "build step exiting with code 100"])
def test_more_exit_code_wordings_are_no_cuda_error(line: str) -> None:
    assert "cuda-100" not in ids(JETSON_36 + "\ncuda samples: " + line)


def test_a_line_that_clears_the_driver_keeps_a_pc_s_packaging_reading() -> None:
    text = PC + "\nThe driver is not the problem: torchvision version is incompatible with torch"
    assert read_cause(text).cause.id == "not-gpu-access"


@pytest.mark.parametrize(("step", "gpu"), [("pip install django-ajax gpustat", False),
                                           ("apt-get install -y libcudnn8 libnvinfer8", True)])
def test_a_build_step_installs_the_gpu_s_software_only_by_its_packages_names(step: str, gpu: bool) -> None:
    line = "The command '/bin/sh -c {}' returned a non-zero code: 100".format(step)
    assert (read_cause(JETSON_36 + "\n" + line).cause.id != "not-gpu-access") == gpu


def test_group_adds_on_a_launch_line_shown_are_not_said_to_be_in_words() -> None:
    text = ("Orin NX, JetPack 6.2. The image's entrypoint drops to our user with gosu:\n    exec gosu appuser \"$@\"\n"
            "nvidia@orin:~$ docker run --rm --runtime nvidia --group-add 44 --group-add 992 myapp:3 sh -c 'id; ./probe'\n"
            "uid=1000(appuser) gid=1000(appuser) groups=1000(appuser)\nError 801: operation not supported")
    cause = read_cause(text).cause
    assert cause.id == "login-drops-runtime-groups" and "said in words" not in cause.why.text, cause.why.text


def test_a_jetson_said_to_run_the_same_thing_fine_beside_a_pc_s_own_output_is_another_machine() -> None:
    text = ("Workstation: Ubuntu 22.04 x86_64, RTX 3090.\n$ nvidia-smi\nFailed to initialize NVML: Driver/library version "
            "mismatch\nNVML library version: 550.120\n\nThe Jetson (Orin Nano) runs the same thing fine.")
    assert shown_platform(explain(text).observed)[0] == "pc"
    assert read_cause(text).cause.id == "x86-discrete-gpu"


def test_a_host_said_to_work_beside_a_container_run_as_a_user_is_the_user_s_contrast() -> None:
    """A launch as a non-root user (-u 1000) is a user chosen inside: a host that works does not make the failure a
    missing node."""
    text = (JETSON_36 + "\nnvidia-smi on the host looks fine:\nbut in the container as our non-root user:\n"
            "nvidia@orin:~$ docker run --rm --runtime nvidia -u 1000 myimg:jp6 python3 -c \"import torch; torch.cuda.init()\"\n"
            "RuntimeError: Unexpected error from cudaGetDeviceCount(). Error 801: operation not supported")
    assert read_cause(text).cause.id != "nodes-missing-in-container"


@pytest.mark.parametrize("said", [
    "It works only when I am logged in on the desktop? No - it fails over SSH and at the desktop alike.",
    "It fails over SSH and on the serial console, so it is not the only-works-when-logged-in-on-the-desktop thing.",
])
def test_seat_words_asked_or_denied_are_no_seat(said: str) -> None:
    text = JETSON_36 + "\n" + said + "\nError 801: operation not supported"
    assert "seat-login-words" not in ids(text)
    assert read_cause(text).cause.id != "seat-acl-only"


def test_a_quote_line_that_names_its_author_is_another_person_s() -> None:
    text = (JETSON_36 + "\nSame symptom as #233 but not the same cause. There someone wrote:\n\n"
            "> @bob: it only works when I'm logged in on the desktop, over SSH it fails\n\nFor me it fails everywhere.\n"
            "cudaGetDeviceCount returned 801")
    assert "seat-login-words" not in ids(text)


def test_seat_words_in_a_phrase_the_reporter_denies_are_no_seat() -> None:
    text = (JETSON_36 + "\nIt fails over SSH and also on the serial console, so it is not the \"only works when logged in "
            "on the desktop\" thing.\nError 801: operation not supported")
    assert "seat-login-words" not in ids(text)
