#include "util/secret.hpp"

namespace descope_mgmt::util {

namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

constexpr std::size_t kMinKeyLength = 16;

}  // namespace

bool looks_like_management_key(std::string_view word) {
    if (word.size() < kMinKeyLength || word[0] != 'K' || word[1] < '0' || word[1] > '9')
        return false;
    for (char c : word)
        if (!is_ascii_alnum(c)) return false;
    return true;
}

std::string mask_management_keys(std::string text) {
    // Jumps from one 'K' to the next (memchr): a 50 MB value without one costs almost nothing.
    const std::size_t n = text.size();
    for (std::size_t i = text.find('K'); i != std::string::npos; i = text.find('K', i)) {
        if (i > 0 && is_ascii_alnum(text[i - 1])) {  // inside a word: not where a key starts
            while (i < n && is_ascii_alnum(text[i]))
                ++i;
            continue;
        }
        std::size_t end = i;
        while (end < n && is_ascii_alnum(text[end]))
            ++end;
        if (looks_like_management_key(std::string_view(text).substr(i, end - i)))
            text.replace(i, end - i, end - i, '*');
        i = end;
    }
    return text;
}

}  // namespace descope_mgmt::util
