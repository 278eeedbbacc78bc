#pragma once
// The first error reported by reads that run concurrently (the live readers of plan and
// backup): later errors are dropped, so the user sees the one that stopped the read.

#include <mutex>
#include <optional>
#include <utility>

#include "api/api_error.hpp"

namespace descope_mgmt::api {

class FirstError {
  public:
    void set(ApiError e) {
        std::lock_guard lock(m_mutex);
        if (!m_error) m_error = std::move(e);
    }
    std::optional<ApiError> take() { return std::move(m_error); }

  private:
    std::mutex m_mutex;
    std::optional<ApiError> m_error;
};

}  // namespace descope_mgmt::api
