// mask_secret_lines(): the config's lines as diagnostics show them, masked from the text alone
// (issue 12, finding 5). The CLI-level cases are in tests/unit/cli/robustness_test.cpp.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>

#include "config/loader_internal.hpp"
#include "diag/diagnostic.hpp"

namespace descope_mgmt::config {
namespace {

TEST(SecretKeyName, ManagementKeyItsMisspellingsAndSecretWords) {
    for (const char* name :
         {"management_key", "managment_key", "management_kye", "managemnt_ky", "Management-Key",
          "api_key", "client_secret", "access_token", "password", "credentials"})
        EXPECT_TRUE(is_secret_key_name(name)) << name;
    for (const char* name :
         {"project_id", "name", "refresh_token_expiration", "session_token_expiration",
          "stepup_token_expiration", "protected", "environments", ""})
        EXPECT_FALSE(is_secret_key_name(name)) << name;
}

TEST(MaskSecretLines, MasksValuesInEveryFormAndKeepsColumns) {
    const std::string text =
        "environments:\n"
        "  dev: {management_key: abc-secret-1, protected: true}\n"
        "  prod:\n"
        "    management_key: \"def-secret-2\n"
        "    project_id: P2x\n"
        "  qa:\n"
        "    managment_key:\n"
        "      - ghi-secret-3\n"
        "    api_key: |\n"
        "      jkl-secret-4\n"
        "    token_ref: ${SOME_TOKEN}\n";
    const MaskedText m = mask_secret_lines(text);
    for (const char* secret : {"abc-secret-1", "def-secret-2", "ghi-secret-3", "jkl-secret-4"})
        EXPECT_EQ(m.text.find(secret), std::string::npos) << secret << "\n" << m.text;
    EXPECT_NE(m.text.find("  dev: {management_key: ************, protected: true}\n"),
              std::string::npos)
        << m.text;
    EXPECT_NE(m.text.find("    project_id: P2x\n"), std::string::npos) << m.text;
    EXPECT_NE(m.text.find("    token_ref: ${SOME_TOKEN}\n"), std::string::npos) << m.text;
    EXPECT_EQ(std::count(m.text.begin(), m.text.end(), '\n'),
              std::count(text.begin(), text.end(), '\n'));
    std::vector<std::string> values;
    for (const auto& s : m.secrets)
        values.push_back(s.value);
    EXPECT_NE(std::find(values.begin(), values.end(), "abc-secret-1"), values.end());
}

TEST(MaskSecrets, HidesLongSecretsEverywhereAndShortOnesOnTheirLine) {
    const std::vector<MaskedSecret> secrets{{"long-secret-value", 3}, {"shrt", 4}};
    std::string message = "quote it: \"long-secret-value\" shrt";
    mask_secrets(message, secrets, 9);
    EXPECT_EQ(message, "quote it: \"*****************\" shrt");
    mask_secrets(message, secrets, 4);
    EXPECT_EQ(message, "quote it: \"*****************\" ****");
    std::string pasted = "invalid project id 'K2Xq7RtLmN4pZs9VbC3d'";
    mask_secrets(pasted, {}, 0);
    EXPECT_EQ(pasted, "invalid project id '********************'");
}

TEST(LoadMasksSecrets, EvenWhenTheFileDoesNotParse) {
    const std::string key = "zz-not-key-shaped-secret";
    const LoadResult r = load_from_string(
        "version: 1\nenvironments:\n  dev:\n    management_key: " + key + ": [\n", "descope.yaml");
    ASSERT_TRUE(r.diagnostics.has_errors());
    const std::string shown = diag::render_all(r.diagnostics, r.sources, false);
    EXPECT_EQ(shown.find(key), std::string::npos) << shown;
    EXPECT_NE(shown.find("management_key: "), std::string::npos) << shown;
}

RC_GTEST_PROP(MaskSecretLinesProperty, KeepsLinesAndNeverShowsTheValue, ()) {
    // A secret under a secret key, in arbitrary surroundings (which may break the YAML).
    const std::string secret =
        "Sx" + *rc::gen::container<std::string>(12, rc::gen::element('q', 'z', '7', 'Q', '-', '_'));
    const auto noise = *rc::gen::container<std::string>(
        rc::gen::element(' ', ':', '{', '}', '[', ']', ',', '"', '\'', '#', '\n', '-', 'a', '|'));
    const std::string key =
        *rc::gen::element<std::string>("management_key", "managment_key", "secret", "api_key");
    const std::string form =
        *rc::gen::element<std::string>("{}: {}", "{{{}: {}, a: b}}", "- {}: [{}]", "{}: \"{}",
                                       "{}:\n  {}", "{}: |\n    {}", "\"{}\": {}");
    std::string line = form;
    line.replace(line.find("{}"), 2, key);
    line.replace(line.find("{}"), 2, secret);
    const std::string text = noise + "\n" + line + "\n" + noise;
    const MaskedText m = mask_secret_lines(text);
    RC_ASSERT(std::count(m.text.begin(), m.text.end(), '\n') ==
              std::count(text.begin(), text.end(), '\n'));
    std::string shown = m.text;
    mask_secrets(shown, m.secrets, 0);
    RC_ASSERT(shown.find(secret) == std::string::npos);
    // And the loader never fails on it.
    const LoadResult r = load_from_string(text, "descope.yaml");
    RC_ASSERT(diag::render_all(r.diagnostics, r.sources, false).find(secret) == std::string::npos);
}

RC_GTEST_PROP(MaskSecretLinesProperty, AnyTextIsMaskedWithoutFailing, (const std::string& text)) {
    const MaskedText m = mask_secret_lines(text);
    RC_ASSERT(std::count(m.text.begin(), m.text.end(), '\n') ==
              std::count(text.begin(), text.end(), '\n'));
}

}  // namespace
}  // namespace descope_mgmt::config
