#include "sample/sample_writer.hpp"

#include <filesystem>
#include <future>

#include "common/errors.hpp"
#include "sample/actions.hpp"
#include "sample/crime.hpp"
#include "sample/duties.hpp"
#include "sample/establishment.hpp"
#include "sample/narrative.hpp"
#include "sample/people.hpp"
#include "sample/programme_text.hpp"
#include "sample/sample_context.hpp"

namespace pirpack::sample {

namespace {

using common::ErrorKind;
using common::PirpackError;

constexpr int max_scale = 1000;

void add_files(SampleSummary& summary, const std::vector<WrittenFile>& files) {
    for (const auto& file : files) summary.files.push_back({file.path, file.rows});
}

// Crime depends on nothing else the sample writes, so it is written on a second thread while
// the workforce is simulated and rostered on this one. Each has its own random streams and its
// own files, so the output is the same whichever finishes first.
std::vector<WrittenFile> write_crime(const std::string& out_dir, const std::vector<ForceContext>& forces) {
    CrimeWriter crime(out_dir);
    for (const auto& force : forces) crime.write(force);
    return crime.close();
}

}  // namespace

SampleSummary write_sample(const SampleOptions& options) {
    if (options.out_dir.empty())
        throw PirpackError(ErrorKind::usage, "no output folder given for the sample", {}, "pass --out DIR");
    if (options.scale < 1 || options.scale > max_scale)
        throw PirpackError(ErrorKind::usage, "scale " + std::to_string(options.scale) + " is out of range", {},
                           "use a scale from 1 to " + std::to_string(max_scale));
    std::error_code error;
    std::filesystem::create_directories(options.out_dir, error);
    if (error)
        throw PirpackError(ErrorKind::run, options.out_dir + ": cannot create folder: " + error.message(), {},
                           "check the path and that its parent is writable");

    std::vector<ForceContext> forces;
    for (int index = 0; index < options.scale; ++index)
        forces.push_back(ForceContext{index, force_code(index), options.seed});

    auto crime_files = std::async(std::launch::async, write_crime, options.out_dir, forces);

    SampleSummary summary;
    add_files(summary, {write_programme(options.out_dir)});
    add_files(summary, {write_establishment(options.out_dir, forces)});

    HrPostingsWriter hr(options.out_dir);
    TrainingRecordsWriter training(options.out_dir);
    DutiesWriter duties(options.out_dir);
    for (const auto& force : forces) {
        const Workforce workforce = simulate_workforce(force);
        hr.write(workforce);
        training.write(workforce);
        duties.write(workforce);
    }
    summary.files.push_back({std::string(HrPostingsWriter::file_name), hr.close()});
    summary.files.push_back({std::string(TrainingRecordsWriter::file_name), training.close()});
    add_files(summary, duties.close());
    add_files(summary, {write_minimum_strength(options.out_dir)});
    add_files(summary, crime_files.get());  // rethrows anything the crime thread threw
    add_files(summary, {write_residual_actions(options.out_dir)});
    add_files(summary, write_narrative(options.out_dir));
    return summary;
}

}  // namespace pirpack::sample
