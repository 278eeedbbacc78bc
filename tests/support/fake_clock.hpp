#pragma once
// A Clock whose time only moves when told: sleep_until() jumps to the deadline instead of
// blocking, so rate-limit and retry tests run in microseconds and never sleep for real.
// Thread-safe; time never goes backwards (several sleeping threads each move it forward).

#include <mutex>
#include <vector>

#include "util/clock.hpp"

namespace descope_mgmt::test {

class FakeClock final : public util::Clock {
  public:
    /// Starts at start() (an arbitrary fixed time point).
    FakeClock();

    time_point now() const override;
    /// Moves time to `deadline` when it is later, and records the requested sleep.
    void sleep_until(time_point deadline) override;
    /// Moves time forward by `d`.
    void advance(duration d);

    /// The time the clock started at.
    static time_point start();
    /// Seconds since start() as a double, for readable assertions.
    double seconds_since_start() const;
    /// Every sleep asked for (deadline - now at the call), in call order.
    std::vector<duration> sleeps() const;

  private:
    mutable std::mutex m_mutex;
    time_point m_now;
    std::vector<duration> m_sleeps;
};

}  // namespace descope_mgmt::test
