#pragma once

// The verbs of taskdeckctl, one file each (or one per family of verbs) in this folder; CtlCommandLine maps names to
// these.

#include "app/ctl/Command.h"

#include <memory>

namespace taskdeck::commands {

std::unique_ptr<Command> makeInit(const Command::Streams& streams);
std::unique_ptr<Command> makeEnqueue(const Command::Streams& streams);
std::unique_ptr<Command> makeStatus(const Command::Streams& streams);
std::unique_ptr<Command> makeList(const Command::Streams& streams);
// retry, delete and cancel
std::unique_ptr<Command> makeBulkAction(const Command::Streams& streams);
std::unique_ptr<Command> makeStats(const Command::Streams& streams);
std::unique_ptr<Command> makeDemo(const Command::Streams& streams);
std::unique_ptr<Command> makeWorker(const Command::Streams& streams);
std::unique_ptr<Command> makeQueue(const Command::Streams& streams);
std::unique_ptr<Command> makeSchedule(const Command::Streams& streams);
// subscribe, unsubscribe, subscriptions and publish
std::unique_ptr<Command> makeEvents(const Command::Streams& streams);
std::unique_ptr<Command> makeRetention(const Command::Streams& streams);
std::unique_ptr<Command> makeAudit(const Command::Streams& streams);
std::unique_ptr<Command> makeSearchIndex(const Command::Streams& streams);
std::unique_ptr<Command> makeAgent(const Command::Streams& streams);

} // namespace taskdeck::commands
