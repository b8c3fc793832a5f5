// Atomic publishing: a pack is written into a staging folder beside its final place and renamed
// into outputs/<period>/ only when every file is complete. Until then the previous pack for the
// period stays where it was; a run that fails leaves no trace but its log.
#pragma once

#include <string>

namespace pirpack::publish {

class Publisher {
public:
    // Creates OUTPUTS/.<period>.staging (emptied if a failed run left one).
    Publisher(std::string outputs_dir, std::string period);
    ~Publisher();  // removes the staging folder unless published
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    // Where to write a file of the pack while it is being made.
    std::string staging_file(const std::string& name) const;

    // Replaces OUTPUTS/<period> with the staging folder. Throws common::PirpackError (run).
    void publish();

    std::string final_dir() const;

private:
    std::string outputs_dir_;
    std::string period_;
    std::string staging_dir_;
    bool published_ = false;
};

}  // namespace pirpack::publish
