#include "emulator/visibility_lag.hpp"

namespace descope_mgmt::emulator {

void VisibilityLag::created(const std::string& key) {
    if (m_clock == nullptr || m_lag.count() <= 0) return;
    m_hidden[key] = m_clock->now() + m_lag;
}

bool VisibilityLag::visible(const std::string& key) const {
    const auto it = m_hidden.find(key);
    if (it == m_hidden.end()) return true;
    if (m_clock->now() < it->second) return false;
    m_hidden.erase(it);  // visible for good: keep the map to the objects still hidden
    return true;
}

void VisibilityLag::renamed(const std::string& from, const std::string& to) {
    const auto it = m_hidden.find(from);
    if (it == m_hidden.end()) return;
    const auto until = it->second;
    m_hidden.erase(it);
    m_hidden[to] = until;
}

}  // namespace descope_mgmt::emulator
