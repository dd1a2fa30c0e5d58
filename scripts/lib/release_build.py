"""How the scripts build the `events` binary they measure and scripts/install installs: the release
configuration with the Swift runtime and Foundation linked into the binary (`swift build -c release
--static-swift-stdlib`). Every `events` process (each command, each classify-worker) then starts
without the dynamic linker resolving the symbols of a dozen Swift libraries: about 20 M instructions
less per process, measured with scripts/profile-parse. The binary needs no Swift toolchain where it
runs; it links no libcurl either (OAuth's HTTP goes over SwiftNIO, OAuthKit's HTTPTransport)."""
import os, subprocess

FLAGS = ["-c", "release", "--static-swift-stdlib"]


def build(root, scratch=None):
    """Builds the release `events` in `root` (into `scratch`, default .build); raises on failure."""
    command = ["swift", "build", *FLAGS, "--product", "events"]
    if scratch:
        command += ["--scratch-path", scratch]
    subprocess.run(command, cwd=root, check=True)


def binary(root, scratch=None):
    """The path of the binary `build` makes."""
    return os.path.join(scratch or os.path.join(root, ".build"), "release", "events")
