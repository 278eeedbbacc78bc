# Backup layer (issue 7): document write/read/verify, file naming and rotation.
file(GLOB DM_BACKUP_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/backup/*_test.cpp)
dm_unit_test(backup_tests SOURCES ${DM_BACKUP_TESTS}
             LIBS dm_backup rapidcheck nlohmann_json::nlohmann_json)
