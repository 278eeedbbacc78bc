# What is installed and how it is packaged (docs/packaging.md):
#
#   bin/descope-mgmt, bin/descope-emulator
#   share/man/man1/descope-mgmt.1.gz, descope-emulator.1.gz     target `man` (help2man)
#   share/bash-completion/completions/descope-mgmt, share/zsh/vendor-completions/_descope-mgmt,
#   share/fish/vendor_completions.d/descope-mgmt.fish             `descope-mgmt completion SHELL`
#   share/doc/descope-mgmt/README.md, docs/, examples/
#
# `cmake --install BUILD` installs them; `cpack -G DEB` in BUILD (or scripts/package) makes the
# .deb, installed under /usr.
include(GNUInstallDirs)

# --- Man pages: generated at build time from the binaries' own --help (cmake/man_page.cmake).
find_program(HELP2MAN help2man)
find_program(GZIP gzip)
# AUTO, not an option(): an option's first default would stay cached after help2man is installed.
set(DM_MAN_PAGES AUTO CACHE STRING "Generate the man pages with help2man (target man): ON, OFF, AUTO = when help2man is found")
set_property(CACHE DM_MAN_PAGES PROPERTY STRINGS AUTO ON OFF)
if(DM_MAN_PAGES STREQUAL "AUTO")
  if(HELP2MAN AND GZIP)
    set(DM_MAN_PAGES ON)
  else()
    set(DM_MAN_PAGES OFF)
  endif()
endif()
set(DM_MAN_DIR ${PROJECT_BINARY_DIR}/man)
if(DM_MAN_PAGES)
  if(NOT HELP2MAN OR NOT GZIP)
    message(FATAL_ERROR "DM_MAN_PAGES=ON needs help2man and gzip (apt install help2man)")
  endif()
  set(dm_man_descope-mgmt_summary "manage Descope projects as code across environments")
  set(dm_man_descope-mgmt_see_also descope-emulator)
  set(dm_man_descope-mgmt_commands ON)
  set(dm_man_descope-emulator_summary "a local Descope management API for development and tests")
  set(dm_man_descope-emulator_see_also descope-mgmt)
  set(dm_man_descope-emulator_commands OFF)
  set(dm_man_pages)
  foreach(program descope-mgmt descope-emulator)
    add_custom_command(
      OUTPUT ${DM_MAN_DIR}/${program}.1 ${DM_MAN_DIR}/${program}.1.gz
      COMMAND ${CMAKE_COMMAND} -DHELP2MAN=${HELP2MAN} -DGZIP=${GZIP}
              -DBINARY=$<TARGET_FILE:${program}> -DPROGRAM=${program} -DVERSION=${PROJECT_VERSION}
              -DSUMMARY=${dm_man_${program}_summary} -DSEE_ALSO=${dm_man_${program}_see_also}
              -DCOMMANDS=${dm_man_${program}_commands} -DDOC_DIR=${CMAKE_INSTALL_FULL_DOCDIR}
              -DOUTPUT_DIR=${DM_MAN_DIR} -P ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake
      DEPENDS ${program} ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake
      COMMENT "Generating the man page of ${program}"
      VERBATIM)
    list(APPEND dm_man_pages ${DM_MAN_DIR}/${program}.1.gz)
  endforeach()
  add_custom_target(man ALL DEPENDS ${dm_man_pages})
  install(FILES ${dm_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages (apt install help2man, then configure again)")
endif()

# --- Shell completion: the output of `descope-mgmt completion bash|zsh|fish`, written at build
# time when the binary has that command (cmake/completions.cmake); installed where Debian's bash,
# zsh and fish look for packaged completions.
set(DM_COMPLETION_DIR ${PROJECT_BINARY_DIR}/completion)
add_custom_command(
  OUTPUT ${DM_COMPLETION_DIR}/completions.stamp
  COMMAND ${CMAKE_COMMAND} -DBINARY=$<TARGET_FILE:descope-mgmt> -DOUTPUT_DIR=${DM_COMPLETION_DIR}
          -P ${PROJECT_SOURCE_DIR}/cmake/completions.cmake
  DEPENDS descope-mgmt ${PROJECT_SOURCE_DIR}/cmake/completions.cmake
  COMMENT "Writing the shell completion files"
  VERBATIM)
add_custom_target(completions ALL DEPENDS ${DM_COMPLETION_DIR}/completions.stamp)
# Installed when written (a binary without the completion command writes none; install(FILES
# ... OPTIONAL) would still leave the empty folders in the package). file(INSTALL) honours DESTDIR.
install(CODE "
  foreach(dm_completion
          bash-completion/completions/descope-mgmt
          zsh/vendor-completions/_descope-mgmt
          fish/vendor_completions.d/descope-mgmt.fish)
    get_filename_component(dm_name \"\${dm_completion}\" NAME)
    get_filename_component(dm_dir \"\${dm_completion}\" DIRECTORY)
    if(EXISTS \"${DM_COMPLETION_DIR}/\${dm_name}\")
      file(INSTALL \"${DM_COMPLETION_DIR}/\${dm_name}\"
           DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/\${dm_dir}\")
    endif()
  endforeach()")

# --- Documentation: the README's links (docs/..., examples/...) still work where it is installed.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# --- The .deb: `cpack -G DEB` in the build folder (scripts/package does the whole build).
set(DM_PACKAGE_MAINTAINER "descope-mgmt maintainers <maintainers@descope-mgmt.invalid>"
    CACHE STRING "The Maintainer field of the .deb")
set(CPACK_PACKAGE_NAME descope-mgmt)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${DM_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "manage Descope projects as code, with a local Descope management API emulator")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # descope-mgmt_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The Depends field from the binaries' shared libraries (dpkg-shlibdeps, Debian's dpkg-dev):
# libcurl4, libfyaml0, libfmt9, libssl3, libcpp-httplib0.11, libc6, libstdc++6, ...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# HTTPS to Descope needs the CA certificates; the emulator on 127.0.0.1 does not.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
# The Description's first line is the summary above; this is the rest.
set(CPACK_PACKAGE_DESCRIPTION
    "descope-mgmt declares Descope tenants, tenant session settings, roles, permissions,
flows, the theme and the project name in one YAML file, and plans, applies, detects
drift, backs up and restores them across environments (test, dev, staging, prod:
one Descope project each), through a rate-limited, retrying API client.
.
descope-emulator is a local fake of Descope's management API, for demos, tests and
CI without an account or network.")
include(CPack)
