// libFuzzer target: the API client on arbitrary answers. Every operation's answer goes through
// the real RequestRunner (status classification, error bodies, depth and shape checks) and the
// wire readers, from a transport that answers the fuzzed bytes. It must never crash, hang, leak
// or throw; an answer either maps or is an error that names the operation; the key never
// appears in an error; a list that maps has the identity of every item.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "api/http_descope_api.hpp"

namespace {

using namespace descope_mgmt;

constexpr const char* kKey = "K2fuzzManagementKeyNeverShown";

/// Answers every request with the same status, header and body, taken from the input.
class ReplayTransport final : public api::HttpTransport {
  public:
    ReplayTransport(int status, std::string retry_after, std::string body)
        : m_status(status), m_retry_after(std::move(retry_after)), m_body(std::move(body)) {}

    util::Result<api::HttpResponse, api::TransportError> send(const api::HttpRequest&) override {
        api::HttpResponse r;
        r.status = m_status;
        r.body = m_body;
        if (!m_retry_after.empty()) r.headers["retry-after"] = m_retry_after;
        r.headers["location"] = m_body.substr(0, 64);
        return r;
    }

  private:
    int m_status;
    std::string m_retry_after;
    std::string m_body;
};

constexpr int kStatuses[] = {200, 200, 200, 200, 201, 204, 302, 400, 401, 403,
                             404, 409, 429, 500, 502, 503, 504, 520, 530, 418};

void check(const api::ApiError& e) {
    if (e.to_string().find(kKey) != std::string::npos) __builtin_trap();
    if (e.operation.empty()) __builtin_trap();
}

template <class T>
void check(const api::ApiResult<T>& r) {
    if (!r) check(r.error());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const int status = kStatuses[data[0] % (sizeof(kStatuses) / sizeof(kStatuses[0]))];
    const int operation = data[1] % 12;
    const std::string retry_after = data[2] % 4 == 0 ? std::to_string(data[2]) : "";
    std::string body(reinterpret_cast<const char*>(data) + 3, size - 3);

    api::ClientOptions o;
    o.environment = "dev";
    o.project_id = "P2fuzzfuzzfuzzfuzzfuzzfuzzfu";
    o.management_key = util::Secret(kKey);
    o.base_url = "http://127.0.0.1:9";
    o.retry.backoff.clear();  // one attempt: no sleeping
    o.unreachable_attempts = 0;
    auto transport = std::make_shared<ReplayTransport>(status, retry_after, std::move(body));
    auto limiter = std::make_shared<api::RateLimiter>(util::SystemClock::instance(),
                                                      model::RateLimit{1'000'000, 1});
    api::HttpDescopeApi client(std::move(o), transport, limiter);

    switch (operation) {
        case 0: {
            auto r = client.load_all_tenants();
            check(r);
            if (r)
                for (const auto& t : *r)
                    if (t.id.empty()) __builtin_trap();
            break;
        }
        case 1:
            check(client.load_tenant("acme"));
            break;
        case 2: {
            auto r = client.load_all_roles();
            check(r);
            if (r)
                for (const auto& role : *r)
                    if (role.name.empty()) __builtin_trap();
            break;
        }
        case 3: {
            auto r = client.load_all_permissions();
            check(r);
            if (r)
                for (const auto& p : *r)
                    if (p.name.empty()) __builtin_trap();
            break;
        }
        case 4: {
            auto r = client.list_flows();
            check(r);
            if (r)
                for (const auto& f : *r)
                    if (f.id.empty()) __builtin_trap();
            break;
        }
        case 5:
            check(client.export_flow("sign-in"));
            break;
        case 6:
            check(client.export_theme());
            break;
        case 7:
            check(client.list_projects());
            break;
        case 8:
            check(client.load_tenant_settings("acme"));
            break;
        case 9: {
            model::Tenant t;
            t.name = "No id";
            auto r = client.create_tenant(t);  // the server's id comes from the answer
            check(r);
            if (r && r->empty()) __builtin_trap();
            break;
        }
        case 10: {
            model::Tenant t;
            t.id = "acme";
            t.name = "Acme";
            check(client.create_tenant(t));  // a refusal is read back from the same answers
            check(client.delete_tenant("acme", false));
            break;
        }
        default:
            check(client.load_project_name());
            check(client.update_project_name("New"));
            break;
    }
    return 0;
}
