#pragma once
// A management key (or any credential). It cannot be streamed or formatted by accident:
// the only way to the characters is reveal(), used where the key goes on the wire.

#include <string>
#include <string_view>
#include <utility>

// What is redacted is usually shown next: terminal_safe() comes with redact().
#include "util/terminal_text.hpp"

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

/// True when `word` has the shape of a Descope management key: 'K', a digit, then 14 or more
/// ASCII letters or digits (real keys are about 70 such characters; descopecli checks the
/// leading 'K'). Names people choose ("Kubernetes", "Kafka2024") do not have it.
bool looks_like_management_key(std::string_view word);

/// `text` with each word (a run of ASCII letters and digits) that looks like a management key
/// replaced by as many '*', so that columns and carets stay where they were. For text that may
/// hold a key pasted where it does not belong (a project id, a misspelt key, a comment).
std::string mask_management_keys(std::string text);

}  // namespace descope_mgmt::util
