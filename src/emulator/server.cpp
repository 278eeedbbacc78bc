#include "emulator/server.hpp"

#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "emulator/connection_reset.hpp"
#include "emulator/routes.hpp"
#include "emulator/state_file.hpp"

namespace descope_mgmt::emulator {

using nlohmann::json;

/// cpp-httplib's server, with access to its listening socket: 0.11 listens with a backlog of 5,
/// too small for many clients connecting at once.
class HttpServer : public httplib::Server {
  public:
    void raise_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

namespace {

int send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
    return status;
}

int send_error(httplib::Response& res, int status, const std::string& code,
               const std::string& description, const std::string& message) {
    return send_json(
        res, status,
        {{"errorCode", code}, {"errorDescription", description}, {"errorMessage", message}});
}

int send_rate_limited(httplib::Response& res, long long retry_after_seconds) {
    res.set_header("Retry-After", std::to_string(retry_after_seconds));
    return send_error(res, 429, "E130429", "https://docs.descope.com/rate-limit",
                      "API rate limit exceeded.");
}

bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;  // no early exit: the time does not depend on where they differ
    for (std::size_t i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// The token after "Bearer ", or "" when the header is missing or has another scheme.
std::string bearer_token(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    if (header.size() < 7) return "";
    std::string scheme = header.substr(0, 7);
    for (auto& c : scheme)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return scheme == "bearer " ? header.substr(7) : "";
}

// The project id the caller claims, for the log. A token without ':' may be a bare key (a
// company key), so nothing of it is returned.
std::string claimed_project(const httplib::Request& req) {
    const std::string token = bearer_token(req);
    const auto colon = token.find(':');
    return colon == std::string::npos ? "" : token.substr(0, colon);
}

}  // namespace

util::Result<std::unique_ptr<Server>> Server::create(const Options& options, util::Clock& clock) {
    // cpp-httplib 0.11 writes with send(..., 0): a client that went away must not kill us.
    ::signal(SIGPIPE, SIG_IGN);
    auto faults = FaultInjector::create(options.faults, options.seed);
    if (!faults) return util::unexpected(faults.error());
    std::unique_ptr<Server> server(new Server(options, clock, std::move(*faults)));
    if (auto ok = server->load_projects(); !ok) return util::unexpected(ok.error());
    if (!options.request_log.empty()) {
        auto log = RequestLog::open(options.request_log);
        if (!log) return util::unexpected(log.error());
        server->m_log = std::move(*log);
    }
    return server;
}

Server::Server(const Options& options, util::Clock& clock, FaultInjector faults)
    : m_options(options)
    , m_clock(&clock)
    , m_faults(std::move(faults))
    , m_http(std::make_unique<HttpServer>())
    , m_orphans(std::make_unique<json>(json::array())) {
    if (options.rate_limit) m_limiter = std::make_unique<RateLimiter>(*options.rate_limit, clock);
}

Server::~Server() = default;

util::Result<void> Server::load_projects() {
    std::uint64_t index = 0;
    for (const auto& spec : m_options.projects) {
        StoreOptions store_options;
        store_options.seed = m_options.seed * 1000003 + index++;
        store_options.clock = m_clock;
        store_options.visibility_lag = std::chrono::milliseconds(m_options.visibility_lag_ms);
        store_options.tenants.attributes = m_options.tenant_attributes;
        store_options.tenants.orphan_sub_tenants = m_options.orphan_sub_tenants;
        store_options.bare = m_options.bare;
        m_projects[spec.id] = Project{
            spec.management_key, std::make_unique<ProjectStore>(spec.id, spec.name, store_options)};
    }
    if (m_options.state_file.empty()) return {};
    auto saved = load_state(m_options.state_file);
    if (!saved) return util::unexpected(saved.error());
    for (const auto& project : *saved) {
        const std::string id = project.is_object() ? project.value("id", "") : "";
        const auto it = m_projects.find(id);
        if (it == m_projects.end()) {
            m_orphans->push_back(project);  // kept, so a later start with that --project finds it
            continue;
        }
        if (auto ok = it->second.store->load_json(project); !ok) {
            return util::error(m_options.state_file.string() + ": project " + id + ": " +
                               ok.error().message);
        }
    }
    return {};
}

void Server::save_state_locked() {
    if (m_options.state_file.empty()) return;
    json projects = json::array();
    for (const auto& [id, project] : m_projects)
        projects.push_back(project.store->to_json());
    for (const auto& orphan : *m_orphans)
        projects.push_back(orphan);
    if (auto ok = save_state(m_options.state_file, projects); !ok) {
        std::fprintf(stderr, "descope-emulator: warning: cannot save the state: %s\n",
                     ok.error().message.c_str());
    }
}

util::Result<int> Server::bind() {
    const int threads = m_options.threads;
    m_http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Long keep-alive sessions, like a real API front end (0.11's default is 5 requests).
    m_http->set_keep_alive_max_count(10000);
    m_http->set_keep_alive_timeout(5);
    // Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus the client's
    // delayed ACK adds ~40 ms to every answer.
    m_http->set_tcp_nodelay(true);
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
        handle(req, res);
    };
    m_http->Get(".*", handler);
    m_http->Post(".*", handler);
    m_http->Put(".*", handler);
    m_http->Patch(".*", handler);
    m_http->Delete(".*", handler);
    m_http->Options(".*", handler);
    // Malformed HTTP that never reaches a handler still gets a Descope-style body.
    m_http->set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty())
            send_error(res, res.status, "E011001", "Bad request", "Malformed HTTP request");
    });
    m_http->set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            send_error(res, 500, "E000500", "Internal server error", "Unexpected emulator error");
        });
    // Only SO_REUSEADDR: httplib's default also sets SO_REUSEPORT, which would let a second
    // emulator share a busy --port silently instead of failing.
    m_http->set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    int port = m_options.port;
    if (port == 0) {
        port = m_http->bind_to_any_port(m_options.host);
    } else if (!m_http->bind_to_port(m_options.host, port)) {
        port = -1;
    }
    if (port < 0) {
        return util::error("cannot listen on " + m_options.host + ":" +
                           std::to_string(m_options.port) + " (address in use or not available)");
    }
    m_http->raise_backlog();
    m_port = port;
    return port;
}

void Server::serve() {
    m_http->listen_after_bind();
}

void Server::wait_until_serving() {
    while (!m_http->is_running()) {
        {
            std::lock_guard lock(m_stop_mutex);
            if (m_stopping) return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void Server::stop() {
    {
        std::lock_guard lock(m_stop_mutex);
        m_stopping = true;
    }
    m_stop_cv.notify_all();
    m_http->stop();
    if (m_port > 0) close_idle_connections(m_port);
}

void Server::pause(int ms) {
    std::unique_lock lock(m_stop_mutex);
    m_stop_cv.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stopping; });
}

void Server::handle(const httplib::Request& req, httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    RequestRecord record;
    record.time = std::chrono::system_clock::now();
    record.project = claimed_project(req);
    record.method = req.method;
    record.path = req.path;
    if (req.has_header("x-descope-license"))
        record.license = req.get_header_value("x-descope-license");
    if (m_options.latency_ms > 0) pause(m_options.latency_ms);
    // Faults come first: they stand for the network and the front end, not the API.
    const auto fault = m_faults.next();
    if (fault) record.fault = std::string(to_string(*fault));
    record.status = fault ? inject(*fault, req, res) : answer(req, res);
    record.ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    if (m_log) m_log->write(record);
}

int Server::inject(FaultKind fault, const httplib::Request& req, httplib::Response& res) {
    switch (fault) {
        case FaultKind::too_many_requests:
            return send_rate_limited(res, 1);
        case FaultKind::internal_error:
            return send_error(res, 500, "E000500", "Internal server error",
                              "Injected fault (--fault 500)");
        case FaultKind::unavailable:
            return send_error(res, 503, "E000503", "Service unavailable",
                              "Injected fault (--fault 503)");
        case FaultKind::reset:
            // httplib's own write of an answer then fails, and it closes the socket.
            abort_connection(req.local_port, req.remote_addr, req.remote_port);
            return 0;
        case FaultKind::lost: {
            // The write happens; its answer never arrives. A client that reused a kept-alive
            // connection may then send the request again by itself (libcurl does, on a fresh
            // connection), and that repeat meets the object the first one made.
            const int status = answer(req, res);
            abort_connection(req.local_port, req.remote_addr, req.remote_port);
            return status;
        }
        case FaultKind::malformed:
            // A body cut short, as a proxy dropping the connection mid-answer would leave it.
            res.status = 200;
            res.set_content(R"({"injected fault": malformed, "tenants": [{"id": )",
                            "application/json");
            return 200;
        case FaultKind::slow:
            pause(m_options.slow_ms);
            return answer(req, res);
    }
    return answer(req, res);
}

bool Server::is_company_key(const std::string& key) const {
    bool found = false;  // every key is compared, so the time does not say which one matched
    for (const auto& company : m_options.company_keys)
        found = same_secret(key, company.reveal()) || found;
    return found;
}

int Server::list_projects(httplib::Response& res) {
    json projects = json::array();
    {
        std::lock_guard lock(m_data_mutex);
        for (const auto& spec : m_options.projects)
            projects.push_back(m_projects.at(spec.id).store->project_info());
    }
    return send_json(res, 200, {{"projects", std::move(projects)}});
}

int Server::answer(const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearer_token(req);
    const auto colon = token.find(':');
    const auto unauthorized = [&](const std::string& message) {
        return send_error(res, m_options.unauthorized_status, "E011003", "Unauthorized", message);
    };
    const bool projects_list = req.method == "POST" && req.path == "/v1/mgmt/projects/list";
    if (token.empty()) {
        return unauthorized(
            "Missing or malformed Authorization header; expected 'Bearer "
            "<projectId>:<managementKey>'");
    }
    if (colon == std::string::npos) {
        // A bare key can only be a company key, and only projects/list goes without a project.
        if (projects_list && is_company_key(token)) {
            if (m_limiter) {
                const auto decision = m_limiter->admit("");  // the company's own bucket
                if (!decision.allowed) return send_rate_limited(res, decision.retry_after.count());
            }
            return list_projects(res);
        }
        return unauthorized(
            "A management key is required; expected 'Bearer <projectId>:<managementKey>'");
    }
    const std::string project_id = token.substr(0, colon);
    const std::string given_key = token.substr(colon + 1);
    const auto project = m_projects.find(project_id);
    if (project == m_projects.end()) return unauthorized("Invalid project id or management key");
    const bool company = is_company_key(given_key);
    if (!company && !same_secret(given_key, project->second.key.reveal())) {
        return unauthorized("Invalid project id or management key");
    }
    if (m_limiter) {
        const auto decision = m_limiter->admit(project_id);
        if (!decision.allowed) return send_rate_limited(res, decision.retry_after.count());
    }
    if (projects_list) {
        // R1: go-sdk mgmt.go (ListProjects) and descopecli project/crud.go.
        if (!company) {
            return unauthorized(
                "This operation requires a company management key (a key not limited to "
                "specific projects)");
        }
        return list_projects(res);
    }
    const Route* route = find_route(req.method, req.path);
    if (route == nullptr) {
        return send_error(res, 404, "E000404", "Not found",
                          "No such endpoint: " + req.method + " " + req.path);
    }
    json body = json::object();
    if (req.body.find_first_not_of(" \t\r\n") != std::string::npos) {
        body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        if (body.is_discarded()) {
            return send_error(res, 400, "E011001", "Bad request",
                              "The request body is not valid JSON");
        }
    }
    std::map<std::string, std::string> query;
    for (const auto& [key, value] : req.params)
        query.emplace(key, value);

    Reply reply = json::object();
    try {
        std::lock_guard lock(m_data_mutex);
        reply = route->call(*project->second.store, RouteInput{body, query});
        if (reply && route->mutates) save_state_locked();
    } catch (const json::exception& e) {
        // A value of an unexpected JSON type deep inside the body (protojson answers 400 too).
        reply = fail(ErrorKind::bad_request, std::string("Invalid request: ") + e.what());
    }
    if (reply) return send_json(res, 200, *reply);
    const StoreError& error = reply.error();
    switch (error.kind) {
        case ErrorKind::bad_request:
            return send_error(res, 400, "E011001", "Bad request", error.message);
        case ErrorKind::missing_argument:
            return send_error(res, 400, "E011002", "Missing arguments", error.message);
        case ErrorKind::invalid_argument:
            return send_error(res, 400, "E011004", "Invalid arguments", error.message);
        case ErrorKind::duplicate:
            return send_error(res, m_options.duplicate_status, "E011004", "Already exists",
                              error.message);
        case ErrorKind::not_found:
            if (route->deletes && m_options.delete_missing_ok)
                return send_json(res, 200, json::object());
            return send_error(res, m_options.not_found_status, "E011004", "Not found",
                              error.message);
    }
    return send_error(res, 500, "E000500", "Internal server error", error.message);
}

}  // namespace descope_mgmt::emulator
