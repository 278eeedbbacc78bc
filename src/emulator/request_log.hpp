#pragma once
// --request-log: one JSON line per request, appended and flushed as each request finishes.
// The record has no field for credentials, so a key cannot end up in the log.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace descope_mgmt::emulator {

struct RequestRecord {
    std::chrono::system_clock::time_point time;
    std::string project;  // the project id the caller claimed; "" without one
    std::string method;
    std::string path;  // without the query string
    int status = 0;    // 0 = connection reset (fault)
    double ms = 0;
    std::string fault;  // the injected fault, "" for none
    /// The x-descope-license header (R9: the tier the SDKs send on every management request),
    /// nullopt when the request had none.
    std::optional<std::string> license;
};

class RequestLog {
  public:
    /// Opens `path` for appending; the error names the file.
    static util::Result<std::unique_ptr<RequestLog>> open(const std::filesystem::path& path);
    ~RequestLog();
    RequestLog(const RequestLog&) = delete;
    RequestLog& operator=(const RequestLog&) = delete;

    /// Appends one line: {"time":"...Z","project":"...","method":"...","path":"...","status":N,
    /// "ms":N[,"fault":"..."][,"license":"..."]}. Thread-safe.
    void write(const RequestRecord& record);

  private:
    explicit RequestLog(std::FILE* file) : m_file(file) {}
    std::mutex m_mutex;
    std::FILE* m_file;
};

}  // namespace descope_mgmt::emulator
