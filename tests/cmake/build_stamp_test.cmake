# Tests cmake/build_stamp.cmake on throw-away git repositories (ctest: build_stamp):
#
#   cmake -DSTAMP=<cmake/build_stamp.cmake> -DWORK_DIR=<empty folder> -P build_stamp_test.cmake
#
# a clean checkout names its commit; a modified tracked file adds -dirty, an untracked one does
# not; a tree without .git (a tarball), or one inside another repository, says unknown; a given
# COMMIT wins; and an unchanged commit leaves the generated file untouched (no rebuild).
cmake_minimum_required(VERSION 3.25)
find_program(GIT git REQUIRED)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(template "${WORK_DIR}/stamp.in")
file(WRITE "${template}" "commit=@DM_COMMIT@\n")

function(expect what actual expected)
  if(NOT actual STREQUAL expected)
    message(SEND_ERROR "${what}: got '${actual}', expected '${expected}'")
  else()
    message(STATUS "ok: ${what}: ${actual}")
  endif()
endfunction()

# stamp(<source dir> <out var> [COMMIT]): runs the script, returns what it wrote.
function(stamp source out)
  set(extra)
  if(ARGC GREATER 2)
    set(extra "-DCOMMIT=${ARGV2}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -DSOURCE_DIR=${source} -DTEMPLATE=${template}
                          -DOUTPUT=${WORK_DIR}/stamp.out ${extra} -P "${STAMP}"
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "build_stamp.cmake failed: ${err}")
  endif()
  file(READ "${WORK_DIR}/stamp.out" text)
  string(REGEX REPLACE "^commit=|\n$" "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(git)
  execute_process(COMMAND "${GIT}" -c user.name=t -c user.email=t@example.invalid ${ARGN}
                  WORKING_DIRECTORY "${WORK_DIR}/repo" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "git ${ARGN} failed")
  endif()
endfunction()

file(MAKE_DIRECTORY "${WORK_DIR}/repo/sub")
file(WRITE "${WORK_DIR}/repo/file.txt" "one\n")
git(init -q)
git(add file.txt)
git(commit -q -m first)
execute_process(COMMAND "${GIT}" rev-parse --short=7 HEAD WORKING_DIRECTORY "${WORK_DIR}/repo"
                OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE)

stamp("${WORK_DIR}/repo" got)
expect("clean checkout" "${got}" "${head}")

file(TIMESTAMP "${WORK_DIR}/stamp.out" before "%s")
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
stamp("${WORK_DIR}/repo" got)
file(TIMESTAMP "${WORK_DIR}/stamp.out" after "%s")
expect("same commit: file not rewritten (mtime)" "${after}" "${before}")

file(WRITE "${WORK_DIR}/repo/untracked.txt" "new\n")
stamp("${WORK_DIR}/repo" got)
expect("untracked file only" "${got}" "${head}")

file(WRITE "${WORK_DIR}/repo/file.txt" "two\n")
stamp("${WORK_DIR}/repo" got)
expect("modified tracked file" "${got}" "${head}-dirty")

git(commit -q -a -m second)
execute_process(COMMAND "${GIT}" rev-parse --short=7 HEAD WORKING_DIRECTORY "${WORK_DIR}/repo"
                OUTPUT_VARIABLE head2 OUTPUT_STRIP_TRAILING_WHITESPACE)
stamp("${WORK_DIR}/repo" got)
expect("new commit" "${got}" "${head2}")

stamp("${WORK_DIR}/repo/sub" got)
expect("a folder inside another repository" "${got}" "unknown")

file(MAKE_DIRECTORY "${WORK_DIR}/tarball")
file(COPY "${WORK_DIR}/repo/file.txt" DESTINATION "${WORK_DIR}/tarball")
stamp("${WORK_DIR}/tarball" got)
expect("no .git (a source tarball)" "${got}" "unknown")

stamp("${WORK_DIR}/tarball" got "1a2b3c4")
expect("-DDM_COMMIT given" "${got}" "1a2b3c4")
