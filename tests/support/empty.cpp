// Keeps dm_test_support non-empty before any fake exists.
