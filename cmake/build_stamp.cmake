# Writes the build's commit into one small C++ file, at every build (cmake -P, from the
# dm_build_stamp target in src/CMakeLists.txt), and rewrites it only when the commit changed,
# so that a new commit recompiles that one file and relinks the two binaries, nothing more.
#
#   cmake -DSOURCE_DIR=<checkout> -DTEMPLATE=<build_info.cpp.in> -DOUTPUT=<build_info.cpp>
#         [-DCOMMIT=<given>] [-DGIT=<git>] -P build_stamp.cmake
#
# The commit is COMMIT when given (a packager building from a tarball who knows it); otherwise
# `git rev-parse --short=7 HEAD` of SOURCE_DIR, with "-dirty" when a tracked file differs from
# it; "unknown" when SOURCE_DIR is not the top of a git checkout (a source tarball, even one
# unpacked inside another repository) or git is missing.
cmake_minimum_required(VERSION 3.25)

foreach(var SOURCE_DIR TEMPLATE OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "build_stamp.cmake: -D${var}=... is required")
  endif()
endforeach()

set(DM_COMMIT "unknown")
if(DEFINED COMMIT AND NOT COMMIT STREQUAL "")
  if(NOT COMMIT MATCHES "^[0-9A-Za-z._+-]+$")
    message(FATAL_ERROR "DM_COMMIT='${COMMIT}': letters, digits and . _ + - only")
  endif()
  set(DM_COMMIT "${COMMIT}")
else()
  if(NOT GIT)
    find_program(GIT git)
  endif()
  if(GIT)
    execute_process(COMMAND "${GIT}" rev-parse --show-toplevel
                    WORKING_DIRECTORY "${SOURCE_DIR}"
                    RESULT_VARIABLE top_rc OUTPUT_VARIABLE top ERROR_QUIET
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    file(REAL_PATH "${SOURCE_DIR}" source_real)
    if(top_rc EQUAL 0)
      file(REAL_PATH "${top}" top)
    endif()
    if(top_rc EQUAL 0 AND top STREQUAL source_real)
      execute_process(COMMAND "${GIT}" rev-parse --short=7 HEAD
                      WORKING_DIRECTORY "${SOURCE_DIR}"
                      RESULT_VARIABLE head_rc OUTPUT_VARIABLE head ERROR_QUIET
                      OUTPUT_STRIP_TRAILING_WHITESPACE)
      if(head_rc EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
        set(DM_COMMIT "${head}")
        # `status` refreshes the index first, so a file merely touched does not count.
        execute_process(COMMAND "${GIT}" status --porcelain --untracked-files=no
                        WORKING_DIRECTORY "${SOURCE_DIR}"
                        RESULT_VARIABLE status_rc OUTPUT_VARIABLE status ERROR_QUIET)
        if(NOT status_rc EQUAL 0 OR NOT status STREQUAL "")
          string(APPEND DM_COMMIT "-dirty")
        endif()
      endif()
    endif()
  endif()
endif()

# configure_file leaves OUTPUT untouched (same time stamp) when its text would not change.
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
