#include "workspace/http_clients.hpp"

#include <fmt/format.h>

#include "api/base_url.hpp"
#include "api/curl_transport.hpp"
#include "api/http_descope_api.hpp"
#include "api/rate_limiter.hpp"

namespace descope_mgmt::workspace {

namespace {

class HttpClientFactory final : public ClientFactory {
  public:
    explicit HttpClientFactory(HttpClientSettings settings) : m_settings(std::move(settings)) {}

    util::Result<std::vector<std::shared_ptr<api::DescopeApi>>, diag::Diagnostics> open(
        const config::Config& config,
        const std::vector<const model::Environment*>& environments) override {
        auto transport = std::make_shared<api::CurlTransport>();
        std::shared_ptr<api::RateLimiter> shared_limiter;
        if (config.defaults.rate_limit_scope == model::RateLimitScope::shared) {
            shared_limiter = std::make_shared<api::RateLimiter>(util::SystemClock::instance(),
                                                                config.defaults.rate_limit);
        }
        const api::ApiLogSink& sink = m_settings.log;
        std::vector<std::shared_ptr<api::DescopeApi>> clients;
        for (const model::Environment* env : environments) {
            auto base = api::resolve_base_url(env->project_id, env->base_url);
            if (!base) {
                diag::Diagnostics d;
                d.error({}, fmt::format("environment '{}': {}", env->name, base.error().message));
                return util::unexpected(std::move(d));
            }
            api::ClientOptions o;
            o.environment = env->name;
            o.project_id = env->project_id;
            o.management_key = env->management_key;
            o.base_url = *base;
            o.credential_hint = model::credential_hint(*env);
            o.cancel = m_settings.cancel;
            o.log = sink;
            o.activity = m_settings.activity;
            // As Descope's SDKs do: the tier picks the rate-limit bucket (R9); never fatal.
            o.fetch_license = true;
            if (m_settings.backoff) o.retry.backoff = *m_settings.backoff;
            if (m_settings.max_response_bytes)
                o.max_response_bytes = *m_settings.max_response_bytes;
            auto limiter = shared_limiter ? shared_limiter
                                          : std::make_shared<api::RateLimiter>(
                                                util::SystemClock::instance(), env->rate_limit);
            if (m_settings.verbosity >= 2 && sink) {
                sink(2, fmt::format("api: {} -> {} (rate limit {}/{} s{})", env->name, *base,
                                    limiter->limit().requests, limiter->limit().per_seconds,
                                    shared_limiter ? ", shared" : ""));
            }
            clients.push_back(
                std::make_shared<api::HttpDescopeApi>(std::move(o), transport, limiter));
        }
        return clients;
    }

  private:
    HttpClientSettings m_settings;
};

}  // namespace

std::unique_ptr<ClientFactory> http_client_factory(HttpClientSettings settings) {
    return std::make_unique<HttpClientFactory>(std::move(settings));
}

}  // namespace descope_mgmt::workspace
