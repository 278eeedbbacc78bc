# Writes PROGRAM.1 and PROGRAM.1.gz into OUTPUT_DIR from the built binary's own help (cmake -P,
# from the `man` target in cmake/packaging.cmake), so the man page says what --help says:
#
#   cmake -DHELP2MAN=<help2man> -DGZIP=<gzip> -DBINARY=<built binary> -DPROGRAM=<name>
#         -DVERSION=<x.y.z> -DSUMMARY=<one line> -DDOC_DIR=<installed docs> -DSEE_ALSO=<pages>
#         -DOUTPUT_DIR=<dir> [-DCOMMANDS=ON] -P man_page.cmake
#
# Debian's help2man turns `BINARY --help` into the page (NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
# EXAMPLES). With COMMANDS=ON it also gets a COMMANDS section with the `--help` page of every
# command, found by walking the "Subcommands:" lists from the top (as the golden help test does),
# less the global options each page repeats (they are under OPTIONS once).
cmake_minimum_required(VERSION 3.25)

foreach(var HELP2MAN GZIP BINARY PROGRAM VERSION SUMMARY DOC_DIR OUTPUT_DIR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "man_page.cmake: -D${var}=... is required")
  endif()
endforeach()

# The same page whatever the environment of the build (no config, no colour).
unset(ENV{DESCOPE_MGMT_CONFIG})
unset(ENV{DESCOPE_BASE_URL})
set(ENV{NO_COLOR} 1)
set(ENV{LC_ALL} C)

# Text as roff that shows it verbatim inside .nf/.fi.
function(dm_roff_verbatim text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  # A line that starts with . or ' would be a request.
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The names listed under "Subcommands:" in a help page (regexes, not a list of lines: a CMake
# list would split a line's text at ";" and keep "[...]" together).
function(dm_subcommands page out)
  set(names)
  string(REGEX MATCH "\nSubcommands:\n(  [^\n]*\n)+" block "\n${page}\n")
  string(REGEX MATCHALL "\n  [^ \n]+" matches "${block}")
  foreach(match IN LISTS matches)
    string(STRIP "${match}" name)
    list(APPEND names "${name}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(dm_help out)
  execute_process(COMMAND "${BINARY}" ${ARGN} --help
                  RESULT_VARIABLE rc OUTPUT_VARIABLE page ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(JOIN " " words ${ARGN})
    message(FATAL_ERROR "man_page.cmake: '${PROGRAM} ${words} --help' failed (${rc}): ${err}")
  endif()
  set(${out} "${page}" PARENT_SCOPE)
endfunction()

# Appends to `include` one subsection per command below `path` (a ;-list of words).
set(include "")
function(dm_walk path)
  dm_help(page ${path})
  if(path)
    string(JOIN " " words ${path})
    # The global options are printed once, under OPTIONS.
    string(REGEX REPLACE "\nGlobal options:\n([^\n]+\n)+" "\n" body "${page}")
    string(REGEX REPLACE "\n\n+" "\n\n" body "${body}")
    string(STRIP "${body}" body)
    dm_roff_verbatim("${body}" body)
    string(APPEND include ".SS \"${PROGRAM} ${words}\"\n.nf\n${body}\n.fi\n")
  endif()
  dm_subcommands("${page}" subs)
  foreach(sub IN LISTS subs)
    set(sub_path ${path} ${sub})
    dm_walk("${sub_path}")
  endforeach()
  set(include "${include}" PARENT_SCOPE)
endfunction()

if(COMMANDS)
  dm_walk("")
  set(include "[COMMANDS]\n${include}")
endif()
string(APPEND include "[FILES]\n.TP\n.I ${DOC_DIR}\nREADME.md, docs/*.md and examples/: the full documentation.\n")
if(SEE_ALSO)
  set(refs "")
  foreach(page IN LISTS SEE_ALSO)
    string(APPEND refs ".BR ${page} (1)\n")
  endforeach()
  string(APPEND include "[SEE ALSO]\n${refs}")
endif()

file(MAKE_DIRECTORY "${OUTPUT_DIR}")
set(include_file "${OUTPUT_DIR}/${PROGRAM}.h2m")
file(WRITE "${include_file}" "${include}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr
          "--version-string=${VERSION}" "--name=${SUMMARY}" "--include=${include_file}"
          "--output=${OUTPUT_DIR}/${PROGRAM}.1" "${BINARY}"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "man_page.cmake: help2man failed for ${PROGRAM} (${rc}): ${err}")
endif()
# Debian installs man pages compressed; -n keeps the name and time out of the .gz.
execute_process(COMMAND "${GZIP}" -9 -n -c "${OUTPUT_DIR}/${PROGRAM}.1"
                OUTPUT_FILE "${OUTPUT_DIR}/${PROGRAM}.1.gz" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "man_page.cmake: gzip failed for ${PROGRAM}.1")
endif()
