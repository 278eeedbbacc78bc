#include "backup/timestamp.hpp"

#include <fmt/format.h>

#include <charconv>

namespace descope_mgmt::backup {

namespace {

using namespace std::chrono;

struct Fields {
    int year, month, day, hour, minute, second, millisecond;
};

Fields split(Timestamp t) {
    const auto day_point = floor<days>(t);
    const year_month_day ymd{day_point};
    const hh_mm_ss<milliseconds> time{t - day_point};
    return {int(ymd.year()),
            int(unsigned(ymd.month())),
            int(unsigned(ymd.day())),
            int(time.hours().count()),
            int(time.minutes().count()),
            int(time.seconds().count()),
            int(time.subseconds().count())};
}

std::optional<Timestamp> join(const Fields& f) {
    const year_month_day ymd{year{f.year}, month{unsigned(f.month)}, day{unsigned(f.day)}};
    if (!ymd.ok() || f.hour > 23 || f.minute > 59 || f.second > 59) return std::nullopt;
    return Timestamp{sys_days{ymd}} + hours{f.hour} + minutes{f.minute} + seconds{f.second} +
           milliseconds{f.millisecond};
}

/// Reads exactly `width` decimal digits at `pos`.
bool digits(std::string_view text, std::size_t pos, std::size_t width, int& out) {
    if (pos + width > text.size()) return false;
    for (std::size_t i = pos; i < pos + width; ++i)
        if (text[i] < '0' || text[i] > '9') return false;
    std::from_chars(text.data() + pos, text.data() + pos + width, out);
    return true;
}

/// Parses a timestamp laid out as `layout`, where Y/M/D/h/m/s/f stand for digits of the year,
/// month, day, hour, minute, second and milliseconds and every other character must match.
std::optional<Timestamp> parse_layout(std::string_view text, std::string_view layout) {
    if (text.size() != layout.size()) return std::nullopt;
    Fields f{0, 0, 0, 0, 0, 0, 0};
    std::size_t i = 0;
    while (i < layout.size()) {
        const char c = layout[i];
        int* target = nullptr;
        std::size_t width = 0;
        switch (c) {
            case 'Y':
                target = &f.year, width = 4;
                break;
            case 'M':
                target = &f.month, width = 2;
                break;
            case 'D':
                target = &f.day, width = 2;
                break;
            case 'h':
                target = &f.hour, width = 2;
                break;
            case 'm':
                target = &f.minute, width = 2;
                break;
            case 's':
                target = &f.second, width = 2;
                break;
            case 'f':
                target = &f.millisecond, width = 3;
                break;
            default:
                if (text[i] != c) return std::nullopt;
                ++i;
                continue;
        }
        if (!digits(text, i, width, *target)) return std::nullopt;
        i += width;
    }
    return join(f);
}

}  // namespace

std::string format_iso8601(Timestamp t) {
    const Fields f = split(t);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", f.year, f.month, f.day, f.hour,
                       f.minute, f.second, f.millisecond);
}

std::optional<Timestamp> parse_iso8601(std::string_view text) {
    if (auto t = parse_layout(text, "YYYY-MM-DDThh:mm:ss.fffZ")) return t;
    return parse_layout(text, "YYYY-MM-DDThh:mm:ssZ");
}

std::string format_file_stamp(Timestamp t) {
    const Fields f = split(t);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z", f.year, f.month, f.day, f.hour,
                       f.minute, f.second, f.millisecond);
}

std::optional<Timestamp> parse_file_stamp(std::string_view text) {
    return parse_layout(text, "YYYYMMDDThhmmss.fffZ");
}

Timestamp now_utc() {
    return floor<milliseconds>(system_clock::now());
}

}  // namespace descope_mgmt::backup
