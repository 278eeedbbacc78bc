#include "util/ticker.hpp"

namespace descope_mgmt::util {

Ticker::Ticker(std::chrono::milliseconds period, std::function<void()> tick) {
    m_thread = std::thread([this, period, tick = std::move(tick)] {
        std::unique_lock lock(m_mutex);
        while (!m_wake.wait_for(lock, period, [this] { return m_stop; })) {
            lock.unlock();
            tick();
            lock.lock();
        }
    });
}

void Ticker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

}  // namespace descope_mgmt::util
