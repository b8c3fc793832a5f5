// recover_outputs() on the folder states a killed run can leave, made by hand, with the store's
// answer faked: which runs it committed.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <Poco/TemporaryFile.h>

#include "publish/publisher.hpp"

namespace fs = std::filesystem;
using pirpack::publish::PackRun;
using pirpack::publish::Publisher;
using pirpack::publish::recover_outputs;

namespace {

struct Outputs {
    Poco::TemporaryFile folder;
    std::set<long> committed;  // the runs the fake store holds as published

    Outputs() { fs::create_directories(folder.path()); }
    std::string path(const std::string& name) const { return (fs::path(folder.path()) / name).string(); }

    // A pack of run `run_id` (0: one from before .pirpack-run existed) whose kpis.json says `text`.
    void make_pack(const std::string& name, long run_id, const std::string& text) const {
        fs::create_directories(path(name));
        std::ofstream(path(name) + "/kpis.json") << text;
        std::ofstream(path(name) + "/manifest.json") << "{}";
        if (run_id > 0)
            std::ofstream(path(name) + "/.pirpack-run")
                << "run_id=" << run_id << "\nperiod=2024-03\nas_of=2024-04-05\nprogramme=P\n";
    }
    std::string read(const std::string& file) const {
        std::ifstream in(path(file));
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    std::vector<std::string> recover() const {
        return recover_outputs(folder.path(), [&](const PackRun& run) {
            return run.programme == "P" && committed.count(run.run_id) > 0;
        });
    }
    std::vector<std::string> names() const {
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(folder.path())) found.push_back(entry.path().filename().string());
        std::sort(found.begin(), found.end());
        return found;
    }
};

using Names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(publisher)

BOOST_AUTO_TEST_CASE(killed_after_the_swap_before_the_commit_puts_the_previous_pack_back) {
    Outputs out;
    out.committed = {4};
    out.make_pack("2024-03", 5, "new");
    out.make_pack(".2024-03.staging", 4, "old");
    auto said = out.recover();
    BOOST_TEST(out.read("2024-03/kpis.json") == "old");
    BOOST_TEST(out.names() == (Names{"2024-03"}));
    BOOST_REQUIRE(said.size() == 1u);
    BOOST_TEST(said[0] == "2024-03: put back the pack of run 4; run 5 was killed before the store recorded it");
}

BOOST_AUTO_TEST_CASE(killed_after_the_commit_keeps_the_new_pack) {
    Outputs out;
    out.committed = {4, 5};
    out.make_pack("2024-03", 5, "new");
    out.make_pack(".2024-03.staging", 4, "old");
    out.recover();
    BOOST_TEST(out.read("2024-03/kpis.json") == "new");
    BOOST_TEST(out.names() == (Names{"2024-03"}));
}

BOOST_AUTO_TEST_CASE(killed_while_writing_deletes_the_staging_folder_only) {
    Outputs out;
    out.committed = {4};
    out.make_pack("2024-03", 4, "old");
    out.make_pack(".2024-03.staging", 5, "half");
    fs::create_directories(out.path(".2024-02.staging"));  // killed before its marker was written
    auto said = out.recover();
    BOOST_TEST(out.read("2024-03/kpis.json") == "old");
    BOOST_TEST(out.names() == (Names{"2024-03"}));
    BOOST_TEST(said.size() == 2u);
}

BOOST_AUTO_TEST_CASE(between_two_renames_the_previous_pack_is_put_back) {
    // Where the filesystem cannot swap in one step: the previous pack was moved aside and the new
    // one not yet moved in. A pack from before .pirpack-run counts as committed.
    Outputs out;
    out.make_pack(".2024-03.previous", 0, "old");
    out.make_pack(".2024-03.staging", 5, "new");
    out.recover();
    BOOST_TEST(out.read("2024-03/kpis.json") == "old");
    BOOST_TEST(out.names() == (Names{"2024-03"}));
}

BOOST_AUTO_TEST_CASE(a_first_pack_the_store_never_committed_is_removed) {
    Outputs out;
    out.make_pack("2024-03", 5, "new");
    fs::create_directories(out.path(".2024-03.previous"));  // empty: there was no pack before
    auto said = out.recover();
    BOOST_TEST(out.names() == (Names{}));
    BOOST_REQUIRE(said.size() == 1u);
    BOOST_TEST(said[0] == "2024-03: removed the pack of run 5, killed before the store recorded it (there was no pack before it)");
}

BOOST_AUTO_TEST_CASE(a_half_deleted_pack_and_packs_of_other_periods_are_left_alone_or_finished) {
    Outputs out;
    out.make_pack("2024-02", 3, "february");  // no leftovers beside it: not even looked at
    out.make_pack("2024-03", 4, "march");
    out.committed = {4};
    out.make_pack(".2024-03.discard", 2, "half deleted");
    out.recover();
    BOOST_TEST(out.names() == (Names{"2024-02", "2024-03"}));
    BOOST_TEST(out.read("2024-02/kpis.json") == "february");
}

BOOST_AUTO_TEST_CASE(publishing_swaps_and_keeps_the_previous_pack_until_told) {
    Outputs out;
    out.committed = {4};
    out.make_pack("2024-03", 4, "old");
    {
        Publisher publisher(out.folder.path(), "2024-03");
        publisher.mark_run({5, "P", "2024-03", "2024-04-05"});
        std::ofstream(publisher.staging_file("kpis.json")) << "new";
        publisher.swap_in();
        BOOST_TEST(out.read("2024-03/kpis.json") == "new");
        BOOST_TEST(out.names().size() == 2u);  // the previous pack beside it
        // The store's commit fails here: recovery (as run does) puts the previous pack back.
        out.recover();
        BOOST_TEST(out.read("2024-03/kpis.json") == "old");
    }
    BOOST_TEST(out.names() == (Names{"2024-03"}));
    {
        Publisher publisher(out.folder.path(), "2024-03");
        publisher.mark_run({6, "P", "2024-03", "2024-04-05"});
        std::ofstream(publisher.staging_file("kpis.json")) << "newer";
        publisher.swap_in();
        out.committed.insert(6);
        BOOST_TEST(publisher.discard_previous() == "");
    }
    BOOST_TEST(out.names() == (Names{"2024-03"}));
    BOOST_TEST(out.read("2024-03/kpis.json") == "newer");
}

BOOST_AUTO_TEST_CASE(a_failed_run_leaves_no_staging_folder) {
    Outputs out;
    { Publisher publisher(out.folder.path(), "2024-03"); }
    BOOST_TEST(out.names() == (Names{}));
}

BOOST_AUTO_TEST_SUITE_END()
