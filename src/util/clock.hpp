#pragma once
// Time as an interface, so that rate-limit and retry logic is tested with a FakeClock
// (tests/support/fake_clock.hpp) and never sleeps for real.

#include <chrono>

namespace descope_mgmt::util {

class Clock {
  public:
    using time_point = std::chrono::steady_clock::time_point;
    using duration = std::chrono::steady_clock::duration;

    virtual ~Clock() = default;
    virtual time_point now() const = 0;
    /// Blocks the calling thread until `deadline` (a FakeClock advances instead).
    virtual void sleep_until(time_point deadline) = 0;
    void sleep_for(duration d) { sleep_until(now() + d); }
};

/// The real steady clock.
class SystemClock final : public Clock {
  public:
    time_point now() const override;
    void sleep_until(time_point deadline) override;
    static SystemClock& instance();
};

}  // namespace descope_mgmt::util
