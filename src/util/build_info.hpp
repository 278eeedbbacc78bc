#pragma once
// What the binaries were built from. Defined in the one file the build writes at every build
// (src/util/build_info.cpp.in, by cmake/build_stamp.cmake), so that a new commit recompiles that
// file and relinks the binaries, nothing more. Linked into descope-mgmt and descope-emulator
// through dm_build_info (src/CMakeLists.txt).

#include <string>
#include <string_view>

namespace descope_mgmt::util {

/// The commit: "abc1234", "abc1234-dirty" when a tracked file differed from it, "unknown" when
/// built outside a git checkout (a source tarball), or what -DDM_COMMIT=... gave.
const char* build_commit();

/// What `--version` prints, without the newline: "PROGRAM 0.1.0 (commit abc1234)".
std::string version_line(std::string_view program);

}  // namespace descope_mgmt::util
