#include "support/fake_clock.hpp"

#include <chrono>

namespace descope_mgmt::test {

FakeClock::FakeClock() : m_now(start()) {}

FakeClock::time_point FakeClock::start() {
    return time_point(std::chrono::hours(1000));
}

FakeClock::time_point FakeClock::now() const {
    std::lock_guard lock(m_mutex);
    return m_now;
}

void FakeClock::sleep_until(time_point deadline) {
    std::lock_guard lock(m_mutex);
    m_sleeps.push_back(deadline - m_now);
    if (deadline > m_now) m_now = deadline;
}

void FakeClock::advance(duration d) {
    std::lock_guard lock(m_mutex);
    m_now += d;
}

double FakeClock::seconds_since_start() const {
    return std::chrono::duration<double>(now() - start()).count();
}

std::vector<FakeClock::duration> FakeClock::sleeps() const {
    std::lock_guard lock(m_mutex);
    return m_sleeps;
}

}  // namespace descope_mgmt::test
