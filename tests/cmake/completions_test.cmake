# Tests cmake/completions.cmake with stand-in binaries (ctest: completions_script):
#
#   cmake -DSCRIPT=<cmake/completions.cmake> -DWORK_DIR=<empty folder> -P completions_test.cmake
#
# a binary with the completion command gets its three files written; one without it gets none
# (and stale ones removed); one whose `completion SHELL` fails breaks the build.
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/out")

# expect(<what> <condition...>): the condition as if() takes it.
function(expect what)
  cmake_language(EVAL CODE "
    if(${ARGN})
      message(STATUS \"ok: ${what}\")
    else()
      message(SEND_ERROR \"${what}\")
    endif()")
endfunction()

# fake(<name> <shell script body>): an executable stand-in for descope-mgmt.
function(fake name body)
  file(WRITE "${WORK_DIR}/${name}.in" "#!/bin/sh\n${body}\n")
  file(COPY_FILE "${WORK_DIR}/${name}.in" "${WORK_DIR}/${name}")
  file(CHMOD "${WORK_DIR}/${name}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
endfunction()

function(run binary out_rc)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DBINARY=${WORK_DIR}/${binary}
                          -DOUTPUT_DIR=${WORK_DIR}/out -P "${SCRIPT}"
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  set(${out_rc} ${rc} PARENT_SCOPE)
endfunction()

fake(with [=[
case "$1 $2" in
  "help completion") echo "completion page" ;;
  "completion bash") echo "complete -F _dm descope-mgmt" ;;
  "completion zsh") echo "#compdef descope-mgmt" ;;
  "completion fish") echo "complete -c descope-mgmt" ;;
  *) exit 1 ;;
esac]=])
run(with rc)
expect("with the command: exit 0" rc EQUAL 0)
file(READ "${WORK_DIR}/out/descope-mgmt" bash)
file(READ "${WORK_DIR}/out/_descope-mgmt" zsh)
file(READ "${WORK_DIR}/out/descope-mgmt.fish" fish)
expect("bash file is its output" [[bash STREQUAL "complete -F _dm descope-mgmt\n"]])
expect("zsh file is its output" [[zsh STREQUAL "#compdef descope-mgmt\n"]])
expect("fish file is its output" [[fish STREQUAL "complete -c descope-mgmt\n"]])

fake(without [=[echo "unknown command 'completion'" >&2; exit 1]=])
run(without rc)
expect("without the command: exit 0" rc EQUAL 0)
expect("without the command: the earlier files are removed"
       [[NOT EXISTS "${WORK_DIR}/out/descope-mgmt" AND NOT EXISTS "${WORK_DIR}/out/_descope-mgmt"]])

fake(broken [=[
case "$1 $2" in
  "help completion") echo "completion page" ;;
  "completion bash") echo "complete -F _dm descope-mgmt" ;;
  *) exit 1 ;;
esac]=])
run(broken rc)
expect("a completion SHELL that fails breaks the build" NOT rc EQUAL 0)
