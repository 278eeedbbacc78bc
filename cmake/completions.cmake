# Writes the shell completion files from the built descope-mgmt (cmake -P, from the
# `completions` target in cmake/packaging.cmake):
#
#   cmake -DBINARY=<built descope-mgmt> -DOUTPUT_DIR=<dir> -P completions.cmake
#
# OUTPUT_DIR/descope-mgmt (bash), _descope-mgmt (zsh), descope-mgmt.fish: the output of
# `descope-mgmt completion bash|zsh|fish`. A binary without the `completion` command (`help
# completion` fails) writes none of them (they are installed OPTIONAL); one that has it must
# print all three, or the build fails. completions.stamp says which it was.
cmake_minimum_required(VERSION 3.25)

foreach(var BINARY OUTPUT_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "completions.cmake: -D${var}=... is required")
  endif()
endforeach()

# The scripts must not depend on the config of whoever builds.
unset(ENV{DESCOPE_MGMT_CONFIG})
set(ENV{NO_COLOR} 1)
file(MAKE_DIRECTORY "${OUTPUT_DIR}")
set(files "descope-mgmt" "_descope-mgmt" "descope-mgmt.fish")
set(shells bash zsh fish)

execute_process(COMMAND "${BINARY}" help completion
                WORKING_DIRECTORY "${OUTPUT_DIR}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  foreach(f IN LISTS files)
    file(REMOVE "${OUTPUT_DIR}/${f}")
  endforeach()
  file(WRITE "${OUTPUT_DIR}/completions.stamp" "none: descope-mgmt has no completion command\n")
  return()
endif()

foreach(shell f IN ZIP_LISTS shells files)
  execute_process(COMMAND "${BINARY}" completion ${shell}
                  WORKING_DIRECTORY "${OUTPUT_DIR}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE script ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR script STREQUAL "")
    message(FATAL_ERROR "completions.cmake: 'descope-mgmt completion ${shell}' failed (${rc}): ${err}")
  endif()
  file(WRITE "${OUTPUT_DIR}/${f}" "${script}")
endforeach()
file(WRITE "${OUTPUT_DIR}/completions.stamp" "bash zsh fish\n")
