#include "backup/timestamp.hpp"

#include <gtest/gtest.h>

namespace descope_mgmt::backup {
namespace {

using namespace std::chrono;

const Timestamp kT = Timestamp{sys_days{year{2024} / 2 / 29}} + 23h + 5min + 9s + 7ms;

TEST(Timestamp, FormatsBothForms) {
    EXPECT_EQ(format_iso8601(kT), "2024-02-29T23:05:09.007Z");
    EXPECT_EQ(format_file_stamp(kT), "20240229T230509.007Z");
}

TEST(Timestamp, ParsesWhatItFormats) {
    EXPECT_EQ(parse_iso8601("2024-02-29T23:05:09.007Z"), kT);
    EXPECT_EQ(parse_file_stamp("20240229T230509.007Z"), kT);
    EXPECT_EQ(parse_iso8601("2024-02-29T23:05:09Z"), kT - 7ms);
}

TEST(Timestamp, RefusesMalformedOrImpossibleTimes) {
    for (const char* bad :
         {"", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-02-29T24:00:00Z",
          "2024-02-29 23:05:09Z", "2024-02-29T23:05:09+01:00", "2024-02-29T23:05:09.7Z",
          "2024-02-29T23:05:09.007", "x024-02-29T23:05:09Z"})
        EXPECT_FALSE(parse_iso8601(bad)) << bad;
    for (const char* bad : {"20240229T230509Z", "20240229T230509.007", "2024-02-29T23:05:09.007Z"})
        EXPECT_FALSE(parse_file_stamp(bad)) << bad;
}

TEST(Timestamp, FileStampOrderIsTimeOrder) {
    const Timestamp earlier = kT - 1ms;
    const Timestamp much_later = kT + hours(24 * 400);
    EXPECT_LT(format_file_stamp(earlier), format_file_stamp(kT));
    EXPECT_LT(format_file_stamp(kT), format_file_stamp(much_later));
}

}  // namespace
}  // namespace descope_mgmt::backup
