#pragma once
// descope-emulator's HTTP side: cpp-httplib with a thread pool. Every request goes through one
// pipeline: latency, fault injection, authentication, rate limit, routing to the project's
// store, state-file save after a change, request log.

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "emulator/fault_injector.hpp"
#include "emulator/options.hpp"
#include "emulator/project_store.hpp"
#include "emulator/rate_limiter.hpp"
#include "emulator/request_log.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace descope_mgmt::emulator {

class HttpServer;

class Server {
  public:
    /// Builds the projects (loading --state if it exists) and opens --request-log. `clock` drives
    /// the rate limiter and must outlive the server.
    static util::Result<std::unique_ptr<Server>> create(const Options& options, util::Clock& clock);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and listens on --host/--port; afterwards connections are accepted (queued until
    /// serve() runs). Answers the port actually bound.
    util::Result<int> bind();
    /// Serves requests until stop(); blocks the calling thread.
    void serve();
    /// Blocks until serve() runs (so that a stop() cannot be missed) or stop() was called.
    void wait_until_serving();
    /// Makes serve() return; wakes requests sleeping in latency or slow faults. Thread-safe.
    void stop();

  private:
    struct Project {
        util::Secret key;
        std::unique_ptr<ProjectStore> store;
    };

    Server(const Options& options, util::Clock& clock, FaultInjector faults);
    util::Result<void> load_projects();
    void handle(const httplib::Request& req, httplib::Response& res);
    /// Answers as `fault` dictates (slow: late, then normally); returns the status sent, 0 for
    /// a reset connection.
    int inject(FaultKind fault, const httplib::Request& req, httplib::Response& res);
    /// Steps of handle() after faults; returns the status sent.
    int answer(const httplib::Request& req, httplib::Response& res);
    /// Whether `key` is one of the --company-key keys (compared in constant time).
    bool is_company_key(const std::string& key) const;
    /// POST projects/list for a company key: every hosted project, in --project order.
    int list_projects(httplib::Response& res);
    void save_state_locked();
    /// Sleeps `ms` unless stop() comes first.
    void pause(int ms);

    Options m_options;
    util::Clock* m_clock;
    FaultInjector m_faults;
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<RequestLog> m_log;
    std::unique_ptr<HttpServer> m_http;
    int m_port = 0;

    // One lock for every project's data and the state file. A request holds it only while its
    // store call builds the answer (a copy); serialising the answer happens outside.
    std::mutex m_data_mutex;
    std::map<std::string, Project> m_projects;
    std::unique_ptr<nlohmann::json> m_orphans;  // projects in --state that no --project names

    std::mutex m_stop_mutex;
    std::condition_variable m_stop_cv;
    bool m_stopping = false;
};

}  // namespace descope_mgmt::emulator
