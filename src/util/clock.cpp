#include "util/clock.hpp"

#include <thread>

namespace descope_mgmt::util {

Clock::time_point SystemClock::now() const {
    return std::chrono::steady_clock::now();
}

void SystemClock::sleep_until(time_point deadline) {
    std::this_thread::sleep_until(deadline);
}

SystemClock& SystemClock::instance() {
    static SystemClock clock;
    return clock;
}

}  // namespace descope_mgmt::util
