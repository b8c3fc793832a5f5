// The residual activity a review lead wrote in a narrative Markdown file: the list items under
// each "Residual Activity" heading, with the register ids they cite, so the pack can link them to
// the register and list the ones no register action tracks.
//
//     auto items = read_narrative_items("## Residual Activity\n\n- Review DART .\n- Fix IT.\n",
//                                       "narrative/07-public-protection.md");
//     items[0].cited_ids == std::vector<std::string>{"A-10"};
//     untracked(items).size() == 1;  // "Fix IT." on line 4
//
// Rules:
// - A heading (ATX or setext, any level, at the top level of the document) whose text is
//   "Residual Activity" in any case, with any surrounding spaces and an optional final colon,
//   opens a section; the next heading of the same or a higher level (fewer #) closes it.
// - Each list item directly in the section is one item; a nested list belongs to its parent item
//   (its ids count for the parent; its text is not repeated in the parent's text). Paragraphs
//   outside lists are introductions, not items.
// - An item whose text is only "N/A", "NA", "None", "Nil" or "Not applicable" (a final full stop
//   allowed) says there is nothing to do: it is dropped, as is an empty item.
// - A citation is in square brackets: letters, a hyphen, digits ("[A-07]"), several separated by
//   commas, semicolons, "&" or "and" ("[A-07, A-08]"); a link whose text is an id counts too. The
//   hyphen is required: "[A07]" is not read, or "[Q4]" and "[FY24]" would be cited ids. Ids are
//   kept as written, each once, in order of first citation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pirpack::actions {

struct NarrativeItem {
    std::string file;  // as given by the caller
    int line = 0;      // 1-based line where the item starts
    std::string text;  // plain text: inline markup removed, spaces collapsed
    std::vector<std::string> cited_ids;
};

// Items in document order. Parses with cmark-gfm's core (no extensions, raw HTML kept out of the
// text); never fails: text that is not Markdown is a paragraph.
std::vector<NarrativeItem> read_narrative_items(std::string_view markdown, std::string_view file_name);

// The ids cited in `text` by the bracket rule above.
std::vector<std::string> read_cited_ids(std::string_view text);

// The items that cite no id, in their order.
std::vector<NarrativeItem> untracked(const std::vector<NarrativeItem>& items);

}  // namespace pirpack::actions
