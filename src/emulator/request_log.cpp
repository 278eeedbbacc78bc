#include "emulator/request_log.hpp"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>

namespace descope_mgmt::emulator {

namespace {

// RFC 3339 UTC with milliseconds, e.g. 2026-11-25T20:37:19.255Z.
std::string format_time(std::chrono::system_clock::time_point t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch());
    const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[40];
    const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(buffer + n, sizeof buffer - n, ".%03dZ", static_cast<int>(ms.count() % 1000));
    return buffer;
}

}  // namespace

util::Result<std::unique_ptr<RequestLog>> RequestLog::open(const std::filesystem::path& path) {
    std::FILE* file = std::fopen(path.c_str(), "ae");
    if (file == nullptr) {
        return util::error(path.string() +
                           ": cannot open the request log: " + std::strerror(errno));
    }
    return std::unique_ptr<RequestLog>(new RequestLog(file));
}

RequestLog::~RequestLog() {
    std::fclose(m_file);
}

void RequestLog::write(const RequestRecord& record) {
    nlohmann::ordered_json line = {
        {"time", format_time(record.time)},
        {"project", record.project},
        {"method", record.method},
        {"path", record.path},
        {"status", record.status},
        {"ms", static_cast<double>(static_cast<long long>(record.ms * 1000)) / 1000.0},
    };
    if (!record.fault.empty()) line["fault"] = record.fault;
    if (record.license) line["license"] = *record.license;
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::lock_guard lock(m_mutex);
    std::fwrite(text.data(), 1, text.size(), m_file);
    std::fflush(m_file);
}

}  // namespace descope_mgmt::emulator
