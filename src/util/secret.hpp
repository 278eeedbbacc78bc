#pragma once
// A management key (or any credential). It cannot be streamed or formatted by accident:
// the only way to the characters is reveal(), used where the key goes on the wire.

#include <string>
#include <utility>

namespace descope_mgmt::util {

class Secret {
  public:
    Secret() = default;
    explicit Secret(std::string value) : m_value(std::move(value)) {}

    bool empty() const { return m_value.empty(); }
    /// The raw value; call only to put it on the wire or compare it.
    const std::string& reveal() const { return m_value; }
    /// What to show instead of the value.
    static constexpr const char* kRedacted = "<redacted>";

    bool operator==(const Secret&) const = default;

  private:
    std::string m_value;
};

/// Replaces every occurrence of `secret` in `text` with <redacted>. No-op for an empty secret.
std::string redact(std::string text, const std::string& secret);

}  // namespace descope_mgmt::util
