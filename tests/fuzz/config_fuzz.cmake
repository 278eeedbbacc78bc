# libFuzzer target for the config loader (preset `fuzz`: clang, -fsanitize=fuzzer-no-link on
# every object; the target alone links the fuzzer's main). Run it with scripts/fuzz.
add_executable(config_loader_fuzz ${CMAKE_CURRENT_LIST_DIR}/config_loader_fuzz.cpp)
target_link_libraries(config_loader_fuzz PRIVATE dm_config)
target_link_options(config_loader_fuzz PRIVATE -fsanitize=fuzzer)
