#pragma once
// `plan -o markdown` and `drift -o markdown`: a document ready to post as a pull-request comment
// (docs/ci.md). GitHub-flavoured Markdown: a summary table, what deletes and which protected
// environments change called out first, then each environment in a collapsible <details> block
// with its changes as a `diff` code block. Names from the config and the server are escaped so
// that they cannot break the document, and the document is cut cleanly (every block closed, a
// note saying what was left out) to stay within GitHub's comment limit.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plan/drift.hpp"
#include "plan/plan.hpp"
#include "render/view.hpp"

namespace descope_mgmt::render {

/// GitHub refuses a comment longer than 65,536 characters; the document counts bytes, which are
/// never fewer than characters.
inline constexpr std::size_t kGitHubCommentLimit = 65536;

struct MarkdownOptions {
    /// The document is cut to at most this many bytes (at least 2,000 are needed for the
    /// summary; below that only the summary is kept, whatever its size).
    std::size_t max_bytes = kGitHubCommentLimit;
};

/// `text` as literal Markdown inline text, never at the start of a line: what could open
/// emphasis, code, a link, a table cell or strikethrough (\ ` * _ [ ] | ~) backslash-escaped,
/// '<' '>' '&' as entities, line ends and control characters as visible escapes.
std::string markdown_inline(std::string_view text);

/// `text` as literal HTML text (for <summary>, where Markdown escapes do not apply).
std::string html_text(std::string_view text);

/// The backtick fence for a code block holding `content`: longer than any run of backticks in
/// it, and at least three.
std::string markdown_fence(std::string_view content);

std::string plan_markdown(const plan::Plan& plan, const MarkdownOptions& options = {});

/// The drift matrix as a table, the legend, and the details of every environment that drifted;
/// `unread` as in drift_view.
std::string drift_markdown(const plan::DriftReport& report, bool count_extra,
                           const std::vector<EnvironmentRead>& unread,
                           const MarkdownOptions& options = {});

}  // namespace descope_mgmt::render
