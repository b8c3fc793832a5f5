#include <boost/test/unit_test.hpp>
#include <set>

#include "actions/narrative_items.hpp"
#include "sample/actions.hpp"
#include "sample/narrative.hpp"

using namespace pirpack;
using namespace pirpack::actions;

namespace {

using Ids = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(narrative_items)

BOOST_AUTO_TEST_CASE(items_under_residual_activity_with_their_lines_and_ids) {
    const char* markdown =
        "# Public Protection\n"                                                 // 1
        "\n"                                                                    // 2
        "## Review Summary\n"                                                   // 3
        "\n"                                                                    // 4
        "- Not residual activity [A-99].\n"                                     // 5
        "\n"                                                                    // 6
        "## Residual Activity\n"                                                // 7
        "\n"                                                                    // 8
        "The open points:\n"                                                    // 9
        "\n"                                                                    // 10
        "- Implement the *extra* supervisory capacity [A-09].\n"                // 11
        "- Consider a review of `DART`\n"                                       // 12
        "  resources [A-10, A-15] and [A-10].\n"                                // 13
        "- Fix the computers in the front office.\n"                            // 14
        "\n"                                                                    // 15
        "### Detail\n"                                                          // 16
        "\n"                                                                    // 17
        "1. Agree where SOC 1 work goes [see A-08] ([A-12](register.xlsx)).\n"  // 18
        "\n"                                                                    // 19
        "## Appendix\n"                                                         // 20
        "\n"                                                                    // 21
        "- Not residual activity either.\n";                                    // 22
    auto items = read_narrative_items(markdown, "narrative/07-public-protection.md");
    BOOST_TEST_REQUIRE(items.size() == 4u);
    BOOST_TEST(items[0].file == "narrative/07-public-protection.md");
    BOOST_TEST(items[0].line == 11);
    BOOST_TEST(items[0].text == "Implement the extra supervisory capacity [A-09].");
    BOOST_TEST(items[0].cited_ids == (Ids{"A-09"}), boost::test_tools::per_element());
    BOOST_TEST(items[1].line == 12);
    BOOST_TEST(items[1].text == "Consider a review of DART resources [A-10, A-15] and [A-10].");
    BOOST_TEST(items[1].cited_ids == (Ids{"A-10", "A-15"}), boost::test_tools::per_element());
    BOOST_TEST(items[2].line == 14);
    BOOST_TEST(items[2].cited_ids.empty());
    BOOST_TEST(items[3].line == 18);
    BOOST_TEST(items[3].text == "Agree where SOC 1 work goes [see A-08] (A-12).");
    BOOST_TEST(items[3].cited_ids == (Ids{"A-12"}), boost::test_tools::per_element());

    auto loose = untracked(items);
    BOOST_TEST_REQUIRE(loose.size() == 1u);
    BOOST_TEST(loose[0].line == 14);
    BOOST_TEST(loose[0].text == "Fix the computers in the front office.");
}

BOOST_AUTO_TEST_CASE(headings_in_any_case_level_and_form) {
    auto items = read_narrative_items("#   residual ACTIVITY  \n- One [B-1]\n", "a.md");
    BOOST_TEST_REQUIRE(items.size() == 1u);
    BOOST_TEST(items[0].line == 2);
    BOOST_TEST(items[0].cited_ids == (Ids{"B-1"}), boost::test_tools::per_element());

    items = read_narrative_items("Residual Activity:\n---\n\n* Two\n* Three [A-3]\n", "b.md");  // setext
    BOOST_TEST_REQUIRE(items.size() == 2u);
    BOOST_TEST(items[0].text == "Two");
    BOOST_TEST(items[0].line == 4);

    items =
        read_narrative_items("#### Residual Activity\n\n- Four\n\n##### Sub\n\n- Five\n\n#### Next\n\n- Six\n", "c.md");
    BOOST_TEST_REQUIRE(items.size() == 2u);
    BOOST_TEST(items[1].text == "Five");

    items = read_narrative_items(
        "## Residual Activity\n\n- One\n\n### Residual Activity\n\n- Two\n\n### Other\n\n- Three\n\n## End\n\n- Four\n",
        "nested.md");
    BOOST_TEST_REQUIRE(items.size() == 3u);
    BOOST_TEST(items[2].text == "Three");
    BOOST_TEST(items[2].line == 11);

    BOOST_TEST(read_narrative_items("## Residual Activities\n\n- Seven\n", "d.md").empty());
    BOOST_TEST(read_narrative_items("- Residual Activity\n\n- Eight\n", "e.md").empty());
}

BOOST_AUTO_TEST_CASE(n_a_says_there_is_nothing_to_do) {
    BOOST_TEST(read_narrative_items("## Residual Activity\n\nN/A\n", "f.md").empty());
    BOOST_TEST(read_narrative_items("## Residual Activity\n\n- N/A\n- None.\n- not applicable\n-\n", "f.md").empty());
    auto items = read_narrative_items("## Residual Activity\n\n- None needed for IT\n", "f.md");
    BOOST_TEST_REQUIRE(items.size() == 1u);
    BOOST_TEST(untracked(items).size() == 1u);
}

BOOST_AUTO_TEST_CASE(nested_lists_belong_to_their_parent) {
    auto items = read_narrative_items(
        "## Residual Activity\n\n- Review the CAM\n  - with the new data [A-15]\n  - and the Hub\n- Other [A-1]\n",
        "g.md");
    BOOST_TEST_REQUIRE(items.size() == 2u);
    BOOST_TEST(items[0].text == "Review the CAM");
    BOOST_TEST(items[0].cited_ids == (Ids{"A-15"}), boost::test_tools::per_element());
    BOOST_TEST(items[1].line == 6);
}

BOOST_AUTO_TEST_CASE(citations_need_letters_a_hyphen_and_digits) {
    BOOST_TEST(read_cited_ids("[A-07]") == (Ids{"A-07"}), boost::test_tools::per_element());
    BOOST_TEST(read_cited_ids("[A-07; A-08 & AB-9 and A-10]") == (Ids{"A-07", "A-08", "AB-9", "A-10"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_cited_ids("[see [A-07]]") == (Ids{"A-07"}), boost::test_tools::per_element());
    for (const char* text :
         {"[A07]", "[Q4]", "[FY24]", "[A-]", "[-07]", "[A-07", "A-07", "[A-07 x]", "[1-2]", "[A-0a]", "[ ]", "[]", "["})
        BOOST_TEST(read_cited_ids(text).empty(), text);
}

BOOST_AUTO_TEST_CASE(the_sample_narrative_cites_every_register_id_and_nothing_is_untracked) {
    std::set<std::string> cited;
    size_t count = 0;
    for (const auto& file : sample::narrative_files()) {
        auto items = read_narrative_items(file.text, file.file);
        count += items.size();
        BOOST_TEST(untracked(items).empty(), file.file);
        for (const auto& item : items) cited.insert(item.cited_ids.begin(), item.cited_ids.end());
    }
    std::set<std::string> register_ids;
    for (const auto& action : sample::residual_actions()) register_ids.insert(std::string(action.id));
    BOOST_TEST(count == 15u);
    BOOST_TEST(cited == register_ids, boost::test_tools::per_element());

    auto items = read_narrative_items(sample::narrative_files()[5].text, sample::narrative_files()[5].file);
    BOOST_TEST_REQUIRE(items.size() == 3u);
    BOOST_TEST(items[0].line == 28);
    BOOST_TEST(items[0].text == "Implement the supervisory uplift agreed through business planning [A-07].");
    BOOST_TEST(items[2].line == 30);
    BOOST_TEST(items[2].cited_ids == (Ids{"A-15"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
