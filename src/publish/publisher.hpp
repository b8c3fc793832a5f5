// Atomic publishing. A pack is written into OUTPUTS/.<period>.staging, synced, and swapped into
// OUTPUTS/<period> in one rename; the store then commits the run, and only after that is the
// previous pack deleted. The store's commit is the one moment a run is published: a run killed
// before it leaves the store without the run and its previous pack beside the new one, and the
// next run (recover_outputs, under the run lock) puts the previous pack back; a run killed after
// it leaves only the previous pack to delete.
//
// To tell which of two packs the store committed, each pack holds a hidden file, .pirpack-run,
// naming the run that made it; it is written before any other file of the pack.
//
// Folders beside OUTPUTS/<period>, each only while a run is publishing or after one was killed:
//   .<period>.staging   the pack being written; after the swap, the previous pack
//   .<period>.previous  the previous pack when the swap could not be one rename (two renames
//                       instead), or an empty folder when there was no previous pack
//   .<period>.discard   a pack being deleted
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace pirpack::publish {

// The run that made a pack.
struct PackRun {
    long run_id = 0;
    std::string programme;
    std::string period;  // YYYY-MM
    std::string as_of;   // YYYY-MM-DD
};

// Whether the store holds `run` as committed (published, or published and since superseded).
using CommittedCheck = std::function<bool(const PackRun&)>;

// Puts right what runs killed while writing or publishing left in OUTPUTS, for every period:
// OUTPUTS/<period> ends up holding the newest pack the store committed (or nothing, if the store
// committed none), and the staging, previous and discard folders are gone. Call it under the run
// lock, before a run starts. Returns a line for each period it changed, for the console. Throws
// common::PirpackError (run) when a folder cannot be moved or deleted; `committed` may throw too
// (the store cannot be read), and then nothing has been changed for that period.
std::vector<std::string> recover_outputs(const std::string& outputs_dir, const CommittedCheck& committed);

class Publisher {
public:
    // Creates OUTPUTS/.<period>.staging, emptied if something was left there.
    Publisher(std::string outputs_dir, std::string period);
    // Deletes the staging folder unless swap_in() has run; after swap_in() it leaves everything
    // for recover_outputs() to decide, since only the store knows whether the run was committed.
    ~Publisher();
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    // Writes .pirpack-run into the staging folder. Call before writing any other file.
    void mark_run(const PackRun& run);

    // Where to write a file of the pack while it is being made.
    std::string staging_file(const std::string& name) const;

    // Syncs every staged file, then makes the staging folder OUTPUTS/<period>, keeping the
    // previous pack aside. The store commits the run after this. Throws common::PirpackError (run).
    void swap_in();

    // After the store committed the run: deletes the previous pack. The run is published by then,
    // so a failure here is not the run's: it returns what could not be deleted ("" when all was),
    // and the next run's recover_outputs() deletes it.
    std::string discard_previous();

    bool swapped() const { return swapped_; }
    std::string final_dir() const;

private:
    std::string outputs_dir_;
    std::string period_;
    std::string staging_dir_;
    bool swapped_ = false;
};

}  // namespace pirpack::publish
