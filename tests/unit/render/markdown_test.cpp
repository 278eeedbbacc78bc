// plan -o markdown and drift -o markdown: the pull-request comment. Golden documents (a small
// plan, a plan cut to a small limit, drift), escaping that no name can break, and a plan of
// thousands of changes cut under GitHub's 65,536-character limit with every block closed.
// Files: tests/golden/markdown/*.md; UPDATE_GOLDEN=1 rewrites them.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../plan/plan_test_support.hpp"
#include "plan/drift.hpp"
#include "render/markdown.hpp"
#include "support/golden.hpp"

namespace descope_mgmt {
namespace {

using namespace plan_test;

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

void expect_markdown_golden(const std::string& name, const std::string& actual) {
    test::expect_golden("markdown", name, actual);
}

/// dev: two tenants to create, a role to update; prod (protected): a tenant to delete, a role
/// to replace, a tenant to rename.
plan::Plan two_environment_plan() {
    plan::PlanOptions prune;
    prune.prune = {model::PruneType::tenants, model::PruneType::roles};

    model::DesiredState dev;
    dev.environment = "dev";
    dev.roles = {role("viewer", {}, "Read only")};
    model::Tenant acme = tenant("acme", "Acme Corp");
    acme.self_provisioning_domains = {"acme.com"};
    dev.tenants = {acme, tenant("globex", "Globex")};
    model::LiveState dev_live;
    dev_live.environment = "dev";
    dev_live.roles = {role("viewer", {}, "Reads")};

    model::DesiredState prod;
    prod.environment = "prod";
    prod.tenants = {tenant("acme", "Acme Corporation")};
    prod.roles = {role("auditor", {}, "Audits", "acme")};
    model::LiveState prod_live;
    prod_live.environment = "prod";
    prod_live.tenants = {tenant("acme", "Acme Corp"), tenant("old-co", "Old Co")};
    prod_live.roles = {role("auditor", {}, "Audits", "acme"), role("ghost")};

    plan::Plan p;
    p.environments.push_back(must_diff(dev, dev_live, prune));
    p.environments.back().project_id = "P2devproject000000000000000000";
    p.environments.push_back(must_diff(prod, prod_live, prune));
    p.environments.back().project_id = "P2prodproject00000000000000000";
    p.environments.back().is_protected = true;
    return p;
}

TEST(PlanMarkdown, SummaryTableCalloutsAndDetailsPerEnvironment) {
    const std::string md = render::plan_markdown(two_environment_plan());
    expect_markdown_golden("plan.md", md);
    // Deletions and the protected environment are called out before any details block.
    const auto details = md.find("<details");
    ASSERT_NE(details, std::string::npos);
    EXPECT_LT(md.find("[!CAUTION]"), details);
    EXPECT_LT(md.find("delete tenant old-co"), details) << md;
    EXPECT_LT(md.find("[!WARNING]"), details);
    EXPECT_NE(md.find("<details open><summary><b>prod</b> (protected)"), std::string::npos) << md;
    EXPECT_EQ(occurrences(md, "<details"), occurrences(md, "</details>"));
}

TEST(PlanMarkdown, NoChangesSaysSo) {
    plan::Plan p;
    plan::EnvironmentPlan dev;
    dev.environment = "dev";
    p.environments.push_back(dev);
    const std::string md = render::plan_markdown(p);
    EXPECT_NE(md.find("No changes"), std::string::npos) << md;
    EXPECT_EQ(md.find("<details"), std::string::npos) << md;
}

TEST(PlanMarkdown, NamesCannotBreakTheDocument) {
    model::DesiredState d;
    d.environment = "dev";
    // A tenant name that tries to close the code block, open HTML, and break the table.
    d.tenants = {tenant("evil", "```\n</details><script>x</script> | **bold** [l](u)")};
    plan::Plan p;
    p.environments.push_back(must_diff(d, model::LiveState{}, {}));
    const std::string md = render::plan_markdown(p);
    // The value sits inside a fence longer than any backtick run in it (4 backticks here), so
    // it is literal text: its ``` cannot close the block, nor its </details> the details.
    const auto open = md.find("\n````diff\n");
    const auto value = md.find("<script>");
    const auto close = md.find("\n````\n", open + 1);
    ASSERT_NE(open, std::string::npos) << md;
    EXPECT_LT(open, value) << md;
    EXPECT_LT(value, close) << md;
    EXPECT_EQ(md.find("</details>", value), md.find("</details>", close)) << md;

    EXPECT_EQ(render::markdown_inline("a|b*c_<d>&[x](y)"),
              "a\\|b\\*c\\_&#60;d&#62;&#38;\\[x\\](y)");
    EXPECT_EQ(render::markdown_inline("tenant:acme-1.2"), "tenant:acme-1.2");
    // A tenant named "@org/team #12" pings nobody and links no issue.
    EXPECT_EQ(render::markdown_inline("@org/team #12"), "&#64;org/team &#35;12");
    EXPECT_EQ(render::html_text("<b>\"x\"&"), "&#60;b&#62;&#34;x&#34;&#38;");
    EXPECT_EQ(render::markdown_fence("no ticks"), "```");
    EXPECT_EQ(render::markdown_fence("a ````` b"), "``````");
}

/// `n` tenants to create in dev and `n` in prod (protected).
plan::Plan big_plan(int n) {
    plan::Plan p;
    for (const char* env : {"dev", "prod"}) {
        model::DesiredState d;
        d.environment = env;
        for (int i = 0; i < n; ++i) {
            model::Tenant t = tenant(fmt::format("tenant-{:04}", i), fmt::format("Tenant {}", i));
            t.self_provisioning_domains = {fmt::format("t{}.example.com", i)};
            d.tenants.push_back(t);
        }
        p.environments.push_back(must_diff(d, model::LiveState{}, {}));
        p.environments.back().is_protected = std::string(env) == "prod";
    }
    return p;
}

TEST(PlanMarkdown, APlanTooBigIsCutCleanlyWithANoteOfWhatWasLeftOut) {
    render::MarkdownOptions small;
    small.max_bytes = 4000;
    const std::string md = render::plan_markdown(big_plan(40), small);
    expect_markdown_golden("plan-cut.md", md);
    EXPECT_LE(md.size(), small.max_bytes);
    EXPECT_NE(md.find("not shown: descope-mgmt plan -e"), std::string::npos) << md;
    EXPECT_NE(md.find("Cut to stay within GitHub"), std::string::npos) << md;
    EXPECT_EQ(occurrences(md, "<details"), occurrences(md, "</details>"));
}

TEST(PlanMarkdown, ThousandsOfChangesStayUnderGitHubsLimit) {
    const plan::Plan p = big_plan(3000);
    const std::string md = render::plan_markdown(p);
    EXPECT_LE(md.size(), render::kGitHubCommentLimit);
    EXPECT_GT(md.size(), render::kGitHubCommentLimit - 3000) << "the room should be used";
    EXPECT_EQ(occurrences(md, "<details"), occurrences(md, "</details>"));
    // Every code block that opens closes: fences come in pairs.
    EXPECT_EQ(occurrences(md, "```diff\n") * 2, occurrences(md, "```"));
    // The summary table still has both environments' full counts.
    EXPECT_NE(md.find("| dev | 3000 |"), std::string::npos);
    EXPECT_NE(md.find("| prod (protected) | 3000 |"), std::string::npos);
    // The note counts what was cut: shown + cut = all.
    const std::size_t shown = occurrences(md, "\n+ tenant ");
    const auto at = md.find("comment limit: ");
    ASSERT_NE(at, std::string::npos) << md.substr(md.size() - 500);
    const std::size_t cut = std::stoul(md.substr(at + 15));
    EXPECT_EQ(shown + cut, 6000u);
}

TEST(DriftMarkdown, MatrixLegendAndDetails) {
    model::DesiredState d;
    d.environment = "prod";
    d.tenants = {tenant("acme", "Acme Corporation")};
    model::LiveState l;
    l.environment = "prod";
    l.tenants = {tenant("acme", "Acme Evil")};
    l.roles = {role("ghost")};
    const plan::EnvironmentPlan p = must_diff(d, l, {});
    const auto report = plan::compute_drift({{&d, &l, &p, "P2prod"}}, {});
    const std::string md = render::drift_markdown(report, true, {});
    expect_markdown_golden("drift.md", md);
    EXPECT_NE(md.find("| tenant:acme | differs |"), std::string::npos) << md;
    EXPECT_NE(md.find("legend"), std::string::npos) << md;
}

TEST(DriftMarkdown, AMatrixTooBigForTheLimitIsCutAndSaysSo) {
    model::DesiredState d;
    d.environment = "prod";
    model::LiveState l;
    l.environment = "prod";
    for (int i = 0; i < 150; ++i)
        l.roles.push_back(role(fmt::format("extra-role-with-a-long-name-{:03}", i)));
    const plan::EnvironmentPlan p = must_diff(d, l, {});
    const auto report = plan::compute_drift({{&d, &l, &p, "P2prod"}}, {});
    render::MarkdownOptions small;
    small.max_bytes = 3000;
    const std::string md = render::drift_markdown(report, true, {}, small);
    EXPECT_LE(md.size(), small.max_bytes) << md;
    EXPECT_NE(md.find("more resources differ"), std::string::npos) << md;
    EXPECT_EQ(occurrences(md, "<details"), occurrences(md, "</details>"));
}

}  // namespace
}  // namespace descope_mgmt
