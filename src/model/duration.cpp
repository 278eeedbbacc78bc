#include "model/duration.hpp"

#include <charconv>
#include <limits>

namespace descope_mgmt::model {

std::string_view wire_name(TimeUnit unit) {
    switch (unit) {
        case TimeUnit::seconds:
            return "seconds";
        case TimeUnit::minutes:
            return "minutes";
        case TimeUnit::hours:
            return "hours";
        case TimeUnit::days:
            return "days";
        case TimeUnit::weeks:
            return "weeks";
    }
    return "minutes";
}

std::optional<TimeUnit> parse_wire_unit(std::string_view name) {
    if (name == "seconds") return TimeUnit::seconds;
    if (name == "minutes") return TimeUnit::minutes;
    if (name == "hours") return TimeUnit::hours;
    if (name == "days") return TimeUnit::days;
    if (name == "weeks") return TimeUnit::weeks;
    return std::nullopt;
}

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    TimeUnit unit;
    switch (text.back()) {
        case 's':
            unit = TimeUnit::seconds;
            break;
        case 'm':
            unit = TimeUnit::minutes;
            break;
        case 'h':
            unit = TimeUnit::hours;
            break;
        case 'd':
            unit = TimeUnit::days;
            break;
        case 'w':
            unit = TimeUnit::weeks;
            break;
        default:
            return std::nullopt;
    }
    const auto digits = text.substr(0, text.size() - 1);
    for (char c : digits)
        if (c < '0' || c > '9') return std::nullopt;
    std::int64_t amount = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), amount);
    if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (amount <= 0 || amount > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    return Duration{amount, unit};
}

std::int64_t to_seconds(const Duration& d) {
    switch (d.unit) {
        case TimeUnit::seconds:
            return d.amount;
        case TimeUnit::minutes:
            return d.amount * 60;
        case TimeUnit::hours:
            return d.amount * 3600;
        case TimeUnit::days:
            return d.amount * 86400;
        case TimeUnit::weeks:
            return d.amount * 604800;
    }
    return d.amount;
}

std::string format_duration(const Duration& d) {
    return std::to_string(d.amount) + wire_name(d.unit).front();
}

}  // namespace descope_mgmt::model
