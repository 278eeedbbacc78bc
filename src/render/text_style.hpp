#pragma once
// How text output may look: colour only when the caller says the terminal allows it.

#include <string>
#include <string_view>

#include "plan/change.hpp"

namespace descope_mgmt::render {

struct TextStyle {
    bool color = false;
};

/// `text` wrapped in the ANSI colour of an action (+ green, ~ yellow, - red, -/+ magenta) when
/// colour is on; otherwise `text` unchanged.
std::string colored(const TextStyle& style, plan::Action action, std::string_view text);
/// `text` in bold (color on) or plain.
std::string bold(const TextStyle& style, std::string_view text);
/// `text` dimmed (color on) or plain.
std::string dim(const TextStyle& style, std::string_view text);

/// A value as the text plan shows it: "text" quoted with escapes, true/false, numbers,
/// ["a", "b"], and (unset) for an absent value.
std::string format_value(const plan::Value& value);

}  // namespace descope_mgmt::render
