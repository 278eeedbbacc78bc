// ${NAME} substitution: examples, and properties checked on random inputs (rapidcheck).
#include "config/substitution.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "config_test_support.hpp"

namespace descope_mgmt::config {
namespace {

using testing::FakeEnv;

TEST(Substitution, ReplacesKnownVariables) {
    FakeEnv env({{"A", "1"}, {"B_2", "two"}});
    const Substitution s = substitute("x${A}y${B_2}z${A}", testing::fake_env);
    EXPECT_EQ(s.text, "x1ytwoz1");
    EXPECT_EQ(s.variables, (std::vector<std::string>{"A", "B_2"}));
    EXPECT_TRUE(s.problems.empty());
}

TEST(Substitution, DoubleDollarBraceIsALiteral) {
    FakeEnv env({{"A", "1"}});
    EXPECT_EQ(substitute("$${A}", testing::fake_env).text, "${A}");
    EXPECT_EQ(substitute("$$${A}", testing::fake_env).text, "$${A}");
    EXPECT_EQ(substitute("cost: $5, $$ and $", testing::fake_env).text, "cost: $5, $$ and $");
    EXPECT_TRUE(substitute("$${A}", testing::fake_env).variables.empty());
}

TEST(Substitution, ValuesAreNotScannedAgain) {
    FakeEnv env({{"A", "${B}"}, {"B", "no"}});
    EXPECT_EQ(substitute("${A}", testing::fake_env).text, "${B}");
}

TEST(Substitution, UnsetVariableIsAProblemAtItsOffset) {
    FakeEnv env;
    const Substitution s = substitute("ab${MISSING}", testing::fake_env);
    EXPECT_EQ(s.text, "ab");
    ASSERT_EQ(s.problems.size(), 1u);
    EXPECT_EQ(s.problems[0].kind, SubstitutionProblem::Kind::unset);
    EXPECT_EQ(s.problems[0].variable, "MISSING");
    EXPECT_EQ(s.problems[0].offset, 2u);
    EXPECT_EQ(describe(s.problems[0]), "environment variable MISSING is not set");
}

TEST(Substitution, EmptyValueCountsAsSet) {
    FakeEnv env({{"EMPTY", ""}});
    const Substitution s = substitute("a${EMPTY}b", testing::fake_env);
    EXPECT_EQ(s.text, "ab");
    EXPECT_TRUE(s.problems.empty());
}

TEST(Substitution, MalformedReferences) {
    FakeEnv env;
    const auto one = [](const std::string& text) {
        const Substitution s = substitute(text, testing::fake_env);
        EXPECT_EQ(s.problems.size(), 1u) << text;
        return s.problems.empty() ? std::string() : describe(s.problems[0]);
    };
    EXPECT_EQ(one("${lower}"), "invalid variable name in '${lower}'");
    EXPECT_EQ(one("${A-B}"), "invalid variable name in '${A-B}'");
    EXPECT_EQ(one("x ${}"), "empty variable reference '${}'");
    EXPECT_EQ(one("${ABC"), "unterminated variable reference '${ABC'");
    EXPECT_EQ(one("${"), "unterminated variable reference '${'");
}

// --- Properties ---------------------------------------------------------------------------

struct Piece {
    enum Kind { literal, escape, variable } kind;
    std::string text;  // literal text, or the variable's name
};

const std::map<std::string, std::string> kVars = {
    {"HOME", "/home/acme"}, {"TOKEN_1", "${NOT_A_REF}"}, {"EMPTY", ""}, {"DOLLARS", "$${x}$"}};

/// Literal text that cannot form a reference with what follows or precedes it: it contains no
/// "${" and does not end in '$'.
rc::Gen<std::string> literal_text() {
    return rc::gen::suchThat(rc::gen::container<std::string>(
                                 rc::gen::element('a', 'Z', '0', ' ', '$', '{', '}', '_', '-')),
                             [](const std::string& s) {
                                 return s.find("${") == std::string::npos &&
                                        (s.empty() || s.back() != '$');
                             });
}

rc::Gen<Piece> piece() {
    std::vector<std::string> names;
    for (const auto& [k, v] : kVars)
        names.push_back(k);
    return rc::gen::oneOf(rc::gen::map(literal_text(),
                                       [](std::string s) {
                                           return Piece{Piece::literal, s};
                                       }),
                          rc::gen::just(Piece{Piece::escape, ""}),
                          rc::gen::map(rc::gen::elementOf(names), [](std::string n) {
                              return Piece{Piece::variable, n};
                          }));
}

std::optional<std::string> property_env(const std::string& name) {
    auto it = kVars.find(name);
    if (it == kVars.end()) return std::nullopt;
    return it->second;
}

RC_GTEST_PROP(SubstitutionProperty, PiecesConcatenate, ()) {
    const auto pieces = *rc::gen::container<std::vector<Piece>>(piece());
    std::string input;
    std::string expected;
    for (const auto& p : pieces) {
        switch (p.kind) {
            case Piece::literal:
                input += p.text;
                expected += p.text;
                break;
            case Piece::escape:
                input += "$${";
                expected += "${";
                break;
            case Piece::variable:
                input += "${" + p.text + "}";
                expected += kVars.at(p.text);
                break;
        }
    }
    const Substitution s = substitute(input, property_env);
    RC_ASSERT(s.problems.empty());
    RC_ASSERT(s.text == expected);
}

RC_GTEST_PROP(SubstitutionProperty, TextWithoutReferencesIsUnchanged, ()) {
    const std::string text = *literal_text();
    RC_ASSERT(substitute(text, property_env).text == text);
}

/// A value that cannot appear in messages by accident.
rc::Gen<std::string> secret() {
    return rc::gen::map(rc::gen::container<std::string>(
                            24, rc::gen::element('q', 'x', 'z', 'Q', 'X', 'Z', '7', '9')),
                        [](std::string s) { return "S3CR3T" + s; });
}

std::string& secret_value() {
    static std::string value;
    return value;
}

std::optional<std::string> secret_env(const std::string& name) {
    if (name.rfind("SECRET", 0) == 0) return secret_value();
    return std::nullopt;
}

RC_GTEST_PROP(SubstitutionProperty, ValuesNeverAppearInDiagnostics, ()) {
    secret_value() = *secret();
    // The secret lands in fields whose checks fail, next to unset variables, so that the loader
    // reports on it in every way it can.
    const std::string yaml =
        "version: ${SECRET_V}\n"
        "environments:\n"
        "  dev:\n"
        "    project_id: ${SECRET_P}\n"
        "    management_key: ${SECRET_K}${UNSET_K}\n"
        "    base_url: ${SECRET_U}\n"
        "    rate_limit: { requests: \"${SECRET_R}\" }\n"
        "  prod:\n"
        "    protected: ${SECRET_B}\n"
        "tenants:\n"
        "  - id: ${SECRET_I} x\n"
        "    name: ${UNSET_NAME}\n"
        "    parent: ${SECRET_PARENT}\n"
        "    self_provisioning_domains: [\"${SECRET_D}\", \"${SECRET_D}\"]\n"
        "    default_roles: [\"${SECRET_R}\"]\n"
        "    session_settings: { inactivity_timeout: \"${SECRET_T}\" }\n"
        "    environments: [\"${SECRET_E}\"]\n"
        "flows:\n"
        "  - id: f\n"
        "    type: ${SECRET_FT}\n"
        "    file: ${SECRET_F}.json\n";
    const LoadResult r = load_from_string(yaml, "descope.yaml", secret_env);
    RC_ASSERT(r.diagnostics.error_count() > 5u);
    const std::string out = diag::render_all(r.diagnostics, r.sources, false);
    RC_ASSERT(out.find(secret_value()) == std::string::npos);
    for (const auto& d : r.diagnostics.items())
        for (const auto& n : d.notes)
            RC_ASSERT(n.find(secret_value()) == std::string::npos);
}

}  // namespace
}  // namespace descope_mgmt::config
