# Backup layer (issue 7): document write/read/verify, file naming and rotation, live snapshots,
# automatic backups, restore, drift and export-config.
file(GLOB DM_BACKUP_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/backup/*_test.cpp)
dm_unit_test(backup_tests SOURCES ${DM_BACKUP_TESTS}
             LIBS dm_backup dm_apply dm_config rapidcheck nlohmann_json::nlohmann_json)

# End-to-end: the real descope-mgmt binary (and, for backup/restore/drift, descope-emulator).
file(GLOB DM_BACKUP_E2E_TESTS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/backup_*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/drift_*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/export_config_*_test.cpp)
add_executable(backup_e2e_tests ${DM_BACKUP_E2E_TESTS})
target_link_libraries(backup_e2e_tests PRIVATE dm_backup dm_test_support rapidcheck
                      PkgConfig::HTTPLIB nlohmann_json::nlohmann_json GTest::gtest_main util)
add_dependencies(backup_e2e_tests descope-mgmt descope-emulator)
gtest_discover_tests(backup_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)
