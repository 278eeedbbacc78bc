#pragma once
// What a client tells whoever shows a run's progress: a request waits for its rate-limit bucket,
// a request goes out, an attempt will be retried. The API layer never prints: the CLI's progress
// line listens (render::RunProgress, docs/cli.md "Progress").

#include <functional>
#include <optional>
#include <string_view>

#include "model/environment.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::api {

struct ApiActivity {
    enum class Kind {
        /// A request must wait for its bucket. `until`: the earliest grant as things stand (a
        /// free slot or the end of a 429's pause); nullopt when every slot waits for an answer
        /// still in flight.
        waiting,
        /// That request's wait is over (it got its permit, or it was cancelled).
        waited,
        /// A request got its permit and goes out: one call.
        sent,
        /// An attempt failed and will be tried again at `until`. `pauses_bucket`: a 429, whose
        /// wait every request of the bucket shares (RateLimiter::pause_until).
        retry,
    };
    Kind kind = Kind::sent;
    std::string_view environment;
    /// Identifies the rate-limit bucket: one per environment, or one shared by every environment
    /// (`rate_limit.scope: shared`).
    const void* bucket = nullptr;
    model::RateLimit limit;
    std::optional<util::Clock::time_point> until;
    bool pauses_bucket = false;
};

/// Receives a client's activity; called from several threads at once (must be thread-safe) and
/// while requests wait, so it must be quick.
using ApiActivitySink = std::function<void(const ApiActivity&)>;

}  // namespace descope_mgmt::api
