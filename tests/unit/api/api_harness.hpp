#pragma once
// An HttpDescopeApi wired to a FakeTransport, a FakeClock and a capturing log, for unit tests.

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api/http_descope_api.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_transport.hpp"

namespace descope_mgmt::api::testing {

inline constexpr const char* kProjectId = "P2abcdefghijklmnopqrstuvwxyz";
inline constexpr const char* kKey = "K2secretManagementKeyDoNotLeak";

struct Harness {
    test::FakeClock clock;
    std::shared_ptr<test::FakeTransport> transport = std::make_shared<test::FakeTransport>(&clock);
    std::shared_ptr<RateLimiter> limiter =
        std::make_shared<RateLimiter>(clock, model::RateLimit{200, 60});
    CancellationToken cancel;
    std::mutex log_mutex;
    std::vector<std::pair<int, std::string>> logs;

    ClientOptions options(const std::string& env = "dev") {
        ClientOptions o;
        o.environment = env;
        o.project_id = kProjectId;
        o.management_key = util::Secret(kKey);
        o.base_url = "http://127.0.0.1:9";
        o.cancel = &cancel;
        o.jitter = [] { return 0.0; };
        o.log = [this](int level, const std::string& line) {
            std::lock_guard lock(log_mutex);
            logs.emplace_back(level, line);
        };
        return o;
    }

    std::unique_ptr<HttpDescopeApi> make(ClientOptions o) {
        return std::make_unique<HttpDescopeApi>(std::move(o), transport, limiter, clock);
    }
    std::unique_ptr<HttpDescopeApi> make() { return make(options()); }

    std::string all_logs() {
        std::lock_guard lock(log_mutex);
        std::string out;
        for (const auto& [level, line] : logs)
            out += std::to_string(level) + " " + line + "\n";
        return out;
    }
};

}  // namespace descope_mgmt::api::testing
