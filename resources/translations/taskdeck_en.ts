<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>taskdeck::HealthBar</name>
    <message numerus="yes">
        <source>%n failed task(s)</source>
        <translation>
            <numerusform>%n failed task</numerusform>
            <numerusform>%n failed tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed run(s) in the last hour</source>
        <translation>
            <numerusform>%n failed run in the last hour</numerusform>
            <numerusform>%n failed runs in the last hour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n live worker(s)</source>
        <translation>
            <numerusform>%n live worker</numerusform>
            <numerusform>%n live workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused queue(s)</source>
        <translation>
            <numerusform>%n paused queue</numerusform>
            <numerusform>%n paused queues</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdeck::MainWindow</name>
    <message numerus="yes">
        <source>%n more failed task(s) in %1</source>
        <translation>
            <numerusform>%n more failed task in %1</numerusform>
            <numerusform>%n more failed tasks in %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskCsvExport</name>
    <message numerus="yes">
        <source>the export was stopped after %n tasks</source>
        <translation>
            <numerusform>the export was stopped after %n task</numerusform>
            <numerusform>the export was stopped after %n tasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskStore</name>
    <message numerus="yes">
        <source>%n runnable task(s) of higher or equal priority in queue &apos;%1&apos; go first; %2.</source>
        <translation>
            <numerusform>%n runnable task of higher or equal priority in queue &apos;%1&apos; goes first; %2.</numerusform>
            <numerusform>%n runnable tasks of higher or equal priority in queue &apos;%1&apos; go first; %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>taskdeck::TasksView</name>
    <message numerus="yes">
        <source>Retried %Ln task(s).</source>
        <translation>
            <numerusform>Retried %Ln task.</numerusform>
            <numerusform>Retried %Ln tasks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled %Ln task(s) (running ones stop at their next check).</source>
        <translation>
            <numerusform>Cancelled %Ln task (a running one stops at its next check).</numerusform>
            <numerusform>Cancelled %Ln tasks (running ones stop at their next check).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln task(s).</source>
        <translation>
            <numerusform>Deleted %Ln task.</numerusform>
            <numerusform>Deleted %Ln tasks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln task</numerusform>
            <numerusform>%Ln tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) loaded; scroll for more</source>
        <translation>
            <numerusform>%Ln task loaded; scroll for more</numerusform>
            <numerusform>%Ln tasks loaded; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln other selected task(s) it does not apply to stay as they are.)</source>
        <translation>
            <numerusform>(%Ln other selected task it does not apply to stays as it is.)</numerusform>
            <numerusform>(%Ln other selected tasks it does not apply to stay as they are.)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln task(s) to %1.</source>
        <translation>
            <numerusform>Exported %Ln task to %1.</numerusform>
            <numerusform>Exported %Ln tasks to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 all %Ln task(s) matching %2?</source>
        <translation>
            <numerusform>%1 the %Ln task matching %2?</numerusform>
            <numerusform>%1 all %Ln tasks matching %2?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) match</source>
        <translation>
            <numerusform>%Ln task matches</numerusform>
            <numerusform>%Ln tasks match</numerusform>
        </translation>
    </message>
</context>
</TS>
