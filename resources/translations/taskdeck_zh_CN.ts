<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CtlCommandLine</name>
    <message>
        <source>With list: only jobs in this state (failed, running, queued, succeeded, never).</source>
        <translation>与 list 一起使用：只显示处于此状态的作业（failed、running、queued、succeeded、never）。</translation>
    </message>
    <message>
        <source>With stats: over this last period (default 1h).</source>
        <translation>与 stats 一起使用：统计最近这段时间（默认 1h）。</translation>
    </message>
    <message>
        <source>SQL Server Agent&apos;s one-off jobs (the async-task pattern): list them with their state, show one with its step command and async_task_logs rows, start a failed one again or delete it. Needs a SQL Server locator (odbc:…).</source>
        <translation>SQL Server 代理的一次性作业（异步任务模式）：列出作业及其状态，显示某个作业的步骤命令和 async_task_logs 记录，重新启动失败的作业或将其删除。需要 SQL Server 定位符（odbc:…）。</translation>
    </message>
    <message>
        <source>give list, show NAME, retry NAME, delete NAME or stats</source>
        <translation>请给出 list、show NAME、retry NAME、delete NAME 或 stats</translation>
    </message>
    <message>
        <source>--state goes with agent list</source>
        <translation>--state 要与 agent list 一起使用</translation>
    </message>
    <message>
        <source>--since goes with agent stats</source>
        <translation>--since 要与 agent stats 一起使用</translation>
    </message>
    <message>
        <source>--since must be longer than 0</source>
        <translation>--since 必须大于 0</translation>
    </message>
    <message>
        <source>--state takes one of %1</source>
        <translation>--state 的取值为 %1 之一</translation>
    </message>
    <message>
        <source>Agent jobs in the last %1: %2 succeeded, %3 failed</source>
        <translation>最近 %1 内的代理作业：成功 %2 个，失败 %3 个</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>LAST RUN (UTC)</source>
        <translation>上次运行（UTC）</translation>
    </message>
    <message>
        <source>MESSAGE</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>note: this database has no dbo.async_task_logs table (with a job_name, task_name, job or name column): log rows are not shown</source>
        <translation>注意：此数据库没有 dbo.async_task_logs 表（含 job_name、task_name、job 或 name 列），因此不显示日志记录</translation>
    </message>
    <message>
        <source>taskdeckctl: there is no one-off Agent job named &apos;%1&apos; (see `agent list`)</source>
        <translation>taskdeckctl：没有名为“%1”的一次性代理作业（参见 `agent list`）</translation>
    </message>
    <message>
        <source>taskdeckctl: job &apos;%1&apos; is %2: wait for it to end</source>
        <translation>taskdeckctl：作业“%1”处于 %2 状态：请等它结束</translation>
    </message>
    <message>
        <source>job &apos;%1&apos; started again</source>
        <translation>作业“%1”已重新启动</translation>
    </message>
    <message>
        <source>job &apos;%1&apos; deleted</source>
        <translation>作业“%1”已删除</translation>
    </message>
    <message>
        <source>job %1: %2</source>
        <translation>作业 %1：%2</translation>
    </message>
    <message>
        <source>  id %1 · %2</source>
        <translation>  编号 %1 · %2</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>  created %1 · last run %2</source>
        <translation>  创建于 %1 · 上次运行 %2</translation>
    </message>
    <message>
        <source>  last message: %1</source>
        <translation>  最后一条消息：%1</translation>
    </message>
    <message>
        <source>  step command (shown as text, never run by TaskDeck):</source>
        <translation>  步骤命令（仅作为文本显示，TaskDeck 从不执行）：</translation>
    </message>
    <message>
        <source>  async_task_logs:</source>
        <translation>  async_task_logs：</translation>
    </message>
    <message>
        <source>--db needs a value, e.g. --db sqlite:/var/lib/taskdeck/tasks.db</source>
        <translation>--db 需要一个值，例如 --db sqlite:/var/lib/taskdeck/tasks.db</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos; before the command</source>
        <translation>命令之前的选项“%1”无法识别</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>未知命令“%1”</translation>
    </message>
    <message>
        <source>Try &apos;%1 --help&apos;.</source>
        <translation>请尝试“%1 --help”。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>warning: a password on the command line can be read by other users of this machine; put it in TASKDECK_DB_PASSWORD instead</source>
        <translation>警告：命令行上的密码可被本机其他用户看到；请改放在 TASKDECK_DB_PASSWORD 中</translation>
    </message>
    <message>
        <source>Create the TaskDeck schema, or upgrade it to this version. Safe to run again.</source>
        <translation>创建 TaskDeck 数据库结构，或将其升级到此版本。可重复运行。</translation>
    </message>
    <message>
        <source>init takes no arguments</source>
        <translation>init 不接受参数</translation>
    </message>
    <message>
        <source>%1: schema version %2 is ready</source>
        <translation>%1：数据库结构版本 %2 已就绪</translation>
    </message>
    <message>
        <source>--payload - reads standard input, but there is none</source>
        <translation>--payload - 从标准输入读取，但标准输入为空</translation>
    </message>
    <message>
        <source>cannot read the payload file %1: %2</source>
        <translation>无法读取负载文件 %1：%2</translation>
    </message>
    <message>
        <source>The task&apos;s data as JSON, @FILE to read it from a file, or - for standard input.</source>
        <translation>任务数据（JSON），@FILE 表示从文件读取，- 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>Queue (default: default).</source>
        <translation>队列（默认：default）。</translation>
    </message>
    <message>
        <source>Higher runs first (default 0).</source>
        <translation>数值越大越先运行（默认 0）。</translation>
    </message>
    <message>
        <source>Run after this long.</source>
        <translation>在这段时间之后运行。</translation>
    </message>
    <message>
        <source>Run at this time (ISO 8601; without an offset, local time).</source>
        <translation>在此时间运行（ISO 8601；不带时区偏移时为本地时间）。</translation>
    </message>
    <message>
        <source>Attempts before the task fails for good (default: the queue&apos;s, else 5).</source>
        <translation>任务最终失败前的尝试次数（默认：队列的设置，否则为 5）。</translation>
    </message>
    <message>
        <source>At most one task with this key exists; enqueueing it again returns the existing task&apos;s id.</source>
        <translation>带此键的任务至多存在一个；再次入队时返回已有任务的编号。</translation>
    </message>
    <message>
        <source>Time limit of one run.</source>
        <translation>单次运行的时间上限。</translation>
    </message>
    <message>
        <source>Add a task for HANDLER and print its id.</source>
        <translation>为 HANDLER 添加一个任务并输出其编号。</translation>
    </message>
    <message>
        <source>give exactly one HANDLER, e.g. taskdeckctl enqueue email.send --payload &apos;{&quot;to&quot;: &quot;a@example.com&quot;}&apos;</source>
        <translation>请只给出一个 HANDLER，例如 taskdeckctl enqueue email.send --payload &apos;{&quot;to&quot;: &quot;a@example.com&quot;}&apos;</translation>
    </message>
    <message>
        <source>--priority needs a whole number, got &apos;%1&apos;</source>
        <translation>--priority 需要一个整数，收到的是“%1”</translation>
    </message>
    <message>
        <source>give either --delay or --run-at, not both</source>
        <translation>--delay 和 --run-at 只能给出其一</translation>
    </message>
    <message>
        <source>--run-at needs an ISO 8601 time such as 2026-05-01T08:30:00Z, got &apos;%1&apos;</source>
        <translation>--run-at 需要 ISO 8601 时间，例如 2026-05-01T08:30:00Z，收到的是“%1”</translation>
    </message>
    <message>
        <source>--max-attempts needs a whole number, got &apos;%1&apos;</source>
        <translation>--max-attempts 需要一个整数，收到的是“%1”</translation>
    </message>
    <message>
        <source>a task with unique key &apos;%1&apos; already exists: %2 is its id (nothing new was enqueued)</source>
        <translation>唯一键为“%1”的任务已存在：其编号为 %2（未新增任何任务）</translation>
    </message>
    <message>
        <source>Wait until the task has finished.</source>
        <translation>等待任务结束。</translation>
    </message>
    <message>
        <source>With --wait: give up after this long.</source>
        <translation>与 --wait 一起使用：等待这么久后放弃。</translation>
    </message>
    <message>
        <source>Show a task and its runs. Exit code: 0 succeeded, 3 failed or cancelled, 4 not finished, 5 no such task.</source>
        <translation>显示一个任务及其运行记录。退出码：0 成功，3 失败或已取消，4 未结束，5 无此任务。</translation>
    </message>
    <message>
        <source>give exactly one task id (a positive number)</source>
        <translation>请只给出一个任务编号（正整数）</translation>
    </message>
    <message>
        <source>--timeout goes with --wait</source>
        <translation>--timeout 要与 --wait 一起使用</translation>
    </message>
    <message>
        <source>task %1: succeeded and cleaned up (its runs remain: removed by retention)</source>
        <translation>任务 %1：已成功并已清理（其运行记录仍在：由保留策略移除）</translation>
    </message>
    <message>
        <source>taskdeckctl: task %1 was deleted; it had run (see its runs in the console)</source>
        <translation>taskdeckctl：任务 %1 已被删除；它曾运行过（可在控制台中查看其运行记录）</translation>
    </message>
    <message>
        <source>taskdeckctl: there is no task %1 and no run of it was recorded: it never existed, or it succeeded and was removed where successful runs are not recorded</source>
        <translation>taskdeckctl：没有任务 %1，也没有它的运行记录：它从未存在过，或者已成功并在不记录成功运行的配置下被移除</translation>
    </message>
    <message>
        <source>task %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>  handler %1 · queue %2 · priority %3</source>
        <translation>  处理程序 %1 · 队列 %2 · 优先级 %3</translation>
    </message>
    <message>
        <source>  attempts %1 of %2</source>
        <translation>  第 %1 次尝试，共 %2 次</translation>
    </message>
    <message>
        <source>  unique key %1</source>
        <translation>  唯一键 %1</translation>
    </message>
    <message>
        <source>  created %1 · run at %2</source>
        <translation>  创建于 %1 · 计划运行于 %2</translation>
    </message>
    <message>
        <source>  started %1</source>
        <translation>  开始于 %1</translation>
    </message>
    <message>
        <source>  finished %1</source>
        <translation>  结束于 %1</translation>
    </message>
    <message>
        <source>  running on %1, lease until %2%3</source>
        <translation>  正在 %1 上运行，租约到期 %2%3</translation>
    </message>
    <message>
        <source> (cancellation requested)</source>
        <translation> （已请求取消）</translation>
    </message>
    <message>
        <source>  payload %1</source>
        <translation>  负载 %1</translation>
    </message>
    <message>
        <source>  last error %1</source>
        <translation>  上次错误 %1</translation>
    </message>
    <message>
        <source>  result %1</source>
        <translation>  结果 %1</translation>
    </message>
    <message>
        <source>runs:</source>
        <translation>运行记录：</translation>
    </message>
    <message>
        <source>task %1 has not finished within the timeout; it is %2</source>
        <translation>任务 %1 在超时前未结束；当前状态为 %2</translation>
    </message>
    <message>
        <source>Only tasks in this state: pending, scheduled, retrying, running, succeeded, failed, cancelled (repeat or separate with commas).</source>
        <translation>只显示处于此状态的任务：pending、scheduled、retrying、running、succeeded、failed、cancelled（可重复或用逗号分隔）。</translation>
    </message>
    <message>
        <source>Only tasks in this queue (repeatable).</source>
        <translation>只显示此队列中的任务（可重复）。</translation>
    </message>
    <message>
        <source>Only tasks for this handler (repeatable).</source>
        <translation>只显示此处理程序的任务（可重复）。</translation>
    </message>
    <message>
        <source>Only tasks whose payload, last error or unique key contains this text (taken literally, ASCII case ignored).</source>
        <translation>只显示负载、上次错误或唯一键包含此文本的任务（按字面匹配，忽略 ASCII 大小写）。</translation>
    </message>
    <message>
        <source>unknown state &apos;%1&apos;: use one of %2</source>
        <translation>未知状态“%1”：请使用 %2 之一</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a task id</source>
        <translation>“%1”不是任务编号</translation>
    </message>
    <message>
        <source>Tasks per page (default 50).</source>
        <translation>每页任务数（默认 50）。</translation>
    </message>
    <message>
        <source>Continue after this cursor from a previous page.</source>
        <translation>从上一页给出的游标之后继续。</translation>
    </message>
    <message>
        <source>Sort by id (default), run_at, created_at or priority.</source>
        <translation>排序依据：id（默认）、run_at、created_at 或 priority。</translation>
    </message>
    <message>
        <source>Oldest or lowest first (default: newest first).</source>
        <translation>最旧或最小的在前（默认：最新的在前）。</translation>
    </message>
    <message>
        <source>List tasks, newest first, a page at a time.</source>
        <translation>分页列出任务，最新的在前。</translation>
    </message>
    <message>
        <source>list takes options only, e.g. --state failed --queue emails</source>
        <translation>list 只接受选项，例如 --state failed --queue emails</translation>
    </message>
    <message>
        <source>--limit needs a number from 1 to 10000</source>
        <translation>--limit 需要 1 到 10000 之间的数字</translation>
    </message>
    <message>
        <source>--sort takes id, run_at, created_at or priority</source>
        <translation>--sort 的取值为 id、run_at、created_at 或 priority</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>QUEUE</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>HANDLER</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>TRIES</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>RUN AT (UTC)</source>
        <translation>计划运行（UTC）</translation>
    </message>
    <message>
        <source>LAST ERROR</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>no tasks match</source>
        <translation>没有匹配的任务</translation>
    </message>
    <message>
        <source>more tasks follow: add --after %1</source>
        <translation>后面还有任务：加上 --after %1</translation>
    </message>
    <message>
        <source>Send failed or cancelled tasks back to the queue with a fresh set of attempts: the tasks given by id, or all that match --state (failed or cancelled) and the other filters.</source>
        <translation>把失败或已取消的任务送回队列并重置尝试次数：按编号指定的任务，或所有匹配 --state（failed 或 cancelled）及其他条件的任务。</translation>
    </message>
    <message>
        <source>give task ids, or --state failed|cancelled (with --queue / --handler), not both</source>
        <translation>请给出任务编号，或 --state failed|cancelled（配合 --queue / --handler），不能同时给出</translation>
    </message>
    <message>
        <source>retrying by filter needs --state failed or --state cancelled</source>
        <translation>按条件重试需要 --state failed 或 --state cancelled</translation>
    </message>
    <message>
        <source>only failed or cancelled tasks can be retried, not %1</source>
        <translation>只能重试失败或已取消的任务，不能重试 %1 的任务</translation>
    </message>
    <message>
        <source>by filter from taskdeckctl</source>
        <translation>由 taskdeckctl 按条件执行</translation>
    </message>
    <message>
        <source>retried %1 of %2 tasks</source>
        <translation>已重试 %1 个任务（共 %2 个）</translation>
    </message>
    <message>
        <source>the others were not failed or cancelled (any more), or no longer exist</source>
        <translation>其余任务（已）不是失败或已取消状态，或已不存在</translation>
    </message>
    <message>
        <source>Delete tasks: the tasks given by id, or all that match --state and the other filters. Their runs and the statistics stay.</source>
        <translation>删除任务：按编号指定的任务，或所有匹配 --state 及其他条件的任务。它们的运行记录和统计数据保留。</translation>
    </message>
    <message>
        <source>give task ids, or --state S (with --queue / --handler), not both</source>
        <translation>请给出任务编号，或 --state S（配合 --queue / --handler），不能同时给出</translation>
    </message>
    <message>
        <source>deleting by filter needs --state, e.g. --state failed</source>
        <translation>按条件删除需要 --state，例如 --state failed</translation>
    </message>
    <message>
        <source>deleted %1 of %2 tasks</source>
        <translation>已删除 %1 个任务（共 %2 个）</translation>
    </message>
    <message>
        <source>Cancel the task with this unique key.</source>
        <translation>取消带此唯一键的任务。</translation>
    </message>
    <message>
        <source>Cancel tasks: pending ones at once; running ones are asked to stop and end as cancelled.</source>
        <translation>取消任务：等待中的立即取消；运行中的会被要求停止，并以已取消结束。</translation>
    </message>
    <message>
        <source>give task ids or --unique-key K, not both</source>
        <translation>请给出任务编号或 --unique-key K，不能同时给出</translation>
    </message>
    <message>
        <source>cancelled %1 pending task(s); asked %2 running task(s) to stop</source>
        <translation>已取消 %1 个等待中的任务；已要求 %2 个运行中的任务停止</translation>
    </message>
    <message>
        <source>Throughput over this last period (default 1h).</source>
        <translation>统计最近这段时间的吞吐量（默认 1h）。</translation>
    </message>
    <message>
        <source>Task counts per state and queue, and recent throughput.</source>
        <translation>按状态和队列的任务计数，以及近期吞吐量。</translation>
    </message>
    <message>
        <source>stats takes options only</source>
        <translation>stats 只接受选项</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>Runs in the last %1:</source>
        <translation>最近 %1 的运行：</translation>
    </message>
    <message>
        <source>  none</source>
        <translation>  无</translation>
    </message>
    <message>
        <source> (avg %1, waited %2)</source>
        <translation> （平均 %1，等待 %2）</translation>
    </message>
    <message>
        <source>Workers: %1</source>
        <translation>工作进程：%1</translation>
    </message>
    <message>
        <source>  %1  %2/%3 busy%4, handlers %5</source>
        <translation>  %1  %2/%3 忙碌%4，处理程序 %5</translation>
    </message>
    <message>
        <source>, stopping</source>
        <translation>，正在停止</translation>
    </message>
    <message>
        <source>Pending tasks wait for handlers that no live worker offers: %1</source>
        <translation>等待中的任务所需的处理程序没有任何存活的工作进程提供：%1</translation>
    </message>
    <message>
        <source>How many tasks to enqueue (default 60).</source>
        <translation>要入队的任务数（默认 60）。</translation>
    </message>
    <message>
        <source>Enqueue sample tasks (order cancellations, report exports, loyalty points, notifications) and process them here, showing retries with backoff and the dead-letter state.</source>
        <translation>将示例任务（取消订单、导出报表、积分计算、通知）入队并在此处理，演示带退避的重试和死信状态。</translation>
    </message>
    <message>
        <source>--tasks needs a number from 1 to 100000</source>
        <translation>--tasks 需要 1 到 100000 之间的数字</translation>
    </message>
    <message>
        <source>TaskDeck demo on %1</source>
        <translation>TaskDeck 演示，数据库 %1</translation>
    </message>
    <message>
        <source>processed %1 runs</source>
        <translation>已处理 %1 次运行</translation>
    </message>
    <message>
        <source>The worker configuration (JSON): the database and the handlers this worker runs.</source>
        <translation>工作进程配置（JSON）：数据库以及此工作进程运行的处理程序。</translation>
    </message>
    <message>
        <source>Only these queues (comma-separated).</source>
        <translation>只处理这些队列（逗号分隔）。</translation>
    </message>
    <message>
        <source>Tasks at once.</source>
        <translation>同时运行的任务数。</translation>
    </message>
    <message>
        <source>Claim one batch, run it, exit.</source>
        <translation>认领一批任务，运行完后退出。</translation>
    </message>
    <message>
        <source>Run until no task is runnable now (delayed and backing-off tasks stay), exit.</source>
        <translation>一直运行到当前没有可运行的任务（延迟和退避中的任务保留），然后退出。</translation>
    </message>
    <message>
        <source>Serve Prometheus metrics on HOST:PORT.</source>
        <translation>在 HOST:PORT 上提供 Prometheus 指标。</translation>
    </message>
    <message>
        <source>Name shown in the workers table.</source>
        <translation>在工作进程表中显示的名称。</translation>
    </message>
    <message>
        <source>Run tasks with the handlers of a configuration file, until SIGTERM/SIGINT (a second one stops running handlers at once).</source>
        <translation>用配置文件中的处理程序运行任务，直到收到 SIGTERM/SIGINT（第二次收到时立即停止正在运行的处理程序）。</translation>
    </message>
    <message>
        <source>worker takes options only</source>
        <translation>worker 只接受选项</translation>
    </message>
    <message>
        <source>give the worker&apos;s configuration with --config FILE: it lists the handlers this worker may run</source>
        <translation>请用 --config FILE 给出工作进程的配置：其中列出此工作进程可以运行的处理程序</translation>
    </message>
    <message>
        <source>give --once or --drain, not both</source>
        <translation>--once 和 --drain 只能给出其一</translation>
    </message>
    <message>
        <source>--concurrency needs a number from 1 to 1000</source>
        <translation>--concurrency 需要 1 到 1000 之间的数字</translation>
    </message>
    <message>
        <source>on_failed: cannot run %1: %2</source>
        <translation>on_failed：无法运行 %1：%2</translation>
    </message>
    <message>
        <source>worker: %1 — retrying</source>
        <translation>工作进程：%1 — 正在重试</translation>
    </message>
    <message>
        <source>worker: connection restored</source>
        <translation>工作进程：连接已恢复</translation>
    </message>
    <message>
        <source>worker %1 started on %2: handlers %3; queues %4; concurrency %5</source>
        <translation>工作进程 %1 已在 %2 上启动：处理程序 %3；队列 %4；并发 %5</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>worker: stopping running handlers now</source>
        <translation>工作进程：立即停止正在运行的处理程序</translation>
    </message>
    <message>
        <source>worker: stopping — running tasks may finish within the grace period</source>
        <translation>工作进程：正在停止 — 运行中的任务可在宽限期内完成</translation>
    </message>
    <message>
        <source>worker %1 stopped: %2 runs recorded</source>
        <translation>工作进程 %1 已停止：记录了 %2 次运行</translation>
    </message>
    <message>
        <source>With set: at most N tasks of the queue run at once across all workers (0 removes the limit).</source>
        <translation>与 set 一起使用：此队列在所有工作进程中同时运行的任务至多 N 个（0 表示取消限制）。</translation>
    </message>
    <message>
        <source>With set: default attempts for new tasks (0 removes it).</source>
        <translation>与 set 一起使用：新任务的默认尝试次数（0 表示取消）。</translation>
    </message>
    <message>
        <source>With set: retry delay BASE:MAX, doubling from BASE up to MAX (0:0 removes it).</source>
        <translation>与 set 一起使用：重试间隔 BASE:MAX，从 BASE 起翻倍直到 MAX（0:0 表示取消）。</translation>
    </message>
    <message>
        <source>With set: time limit of a run for handlers without their own (0 removes it).</source>
        <translation>与 set 一起使用：没有自带时间上限的处理程序单次运行的时间上限（0 表示取消）。</translation>
    </message>
    <message>
        <source>Show and change queue settings.</source>
        <translation>显示和修改队列设置。</translation>
    </message>
    <message>
        <source>queue list takes no queue name</source>
        <translation>queue list 不接受队列名</translation>
    </message>
    <message>
        <source>queue %1 takes one queue name</source>
        <translation>queue %1 需要一个队列名</translation>
    </message>
    <message>
        <source>give list, pause Q, resume Q or set Q</source>
        <translation>请给出 list、pause Q、resume Q 或 set Q</translation>
    </message>
    <message>
        <source>settings go with queue set</source>
        <translation>这些设置要与 queue set 一起使用</translation>
    </message>
    <message>
        <source>queue set needs --concurrency, --max-attempts, --backoff or --timeout</source>
        <translation>queue set 需要 --concurrency、--max-attempts、--backoff 或 --timeout</translation>
    </message>
    <message>
        <source>--concurrency and --max-attempts take whole numbers</source>
        <translation>--concurrency 和 --max-attempts 需要整数</translation>
    </message>
    <message>
        <source>--backoff takes BASE:MAX durations with BASE ≤ MAX, e.g. 1s:1h</source>
        <translation>--backoff 需要 BASE:MAX 形式的时长，且 BASE ≤ MAX，例如 1s:1h</translation>
    </message>
    <message>
        <source>queue %1 paused: its tasks stay until it is resumed</source>
        <translation>队列 %1 已暂停：其任务会保留到恢复为止</translation>
    </message>
    <message>
        <source>queue %1 resumed</source>
        <translation>队列 %1 已恢复</translation>
    </message>
    <message>
        <source>queue %1 updated</source>
        <translation>队列 %1 已更新</translation>
    </message>
    <message>
        <source>PAUSED</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>LIMIT</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>BACKOFF</source>
        <translation>退避</translation>
    </message>
    <message>
        <source>TIMEOUT</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>RUNNING</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Database locator (default: $TASKDECK_DB, else the embedded database).</source>
        <translation>数据库定位符（默认：$TASKDECK_DB，否则使用嵌入式数据库）。</translation>
    </message>
    <message>
        <source>Print one JSON document on standard output.</source>
        <translation>在标准输出上打印一个 JSON 文档。</translation>
    </message>
    <message>
        <source>When: 5 fields (minute hour day month weekday), 6 with seconds first, or @hourly, @daily, @weekly, @monthly, @yearly.</source>
        <translation>何时运行：5 个字段（分 时 日 月 星期），6 个字段时第一个为秒，或 @hourly、@daily、@weekly、@monthly、@yearly。</translation>
    </message>
    <message>
        <source>IANA time zone of the expression (default UTC).</source>
        <translation>表达式所用的 IANA 时区（默认 UTC）。</translation>
    </message>
    <message>
        <source>Task data as JSON, @FILE or - for stdin.</source>
        <translation>任务数据（JSON），@FILE 或 - 表示标准输入。</translation>
    </message>
    <message>
        <source>Attempts per task (default: queue&apos;s).</source>
        <translation>每个任务的尝试次数（默认：队列的设置）。</translation>
    </message>
    <message>
        <source>Occurrences missed while no worker ran: skip them, or run once (default).</source>
        <translation>没有工作进程运行期间错过的时间点：跳过（skip），或补运行一次（once，默认）。</translation>
    </message>
    <message>
        <source>Add it disabled.</source>
        <translation>添加为禁用状态。</translation>
    </message>
    <message>
        <source>Recurring tasks. A worker enqueues each occurrence exactly once, however many run.</source>
        <translation>周期任务。无论有多少工作进程在运行，每个时间点都只入队一次。</translation>
    </message>
    <message>
        <source>--cron, --tz, --payload and the other settings go with schedule add</source>
        <translation>--cron、--tz、--payload 等设置要与 schedule add 一起使用</translation>
    </message>
    <message>
        <source>schedule add takes a NAME and a HANDLER, e.g. schedule add nightly-report reports.export --cron &apos;30 2 * * *&apos; --tz Asia/Shanghai</source>
        <translation>schedule add 需要 NAME 和 HANDLER，例如 schedule add nightly-report reports.export --cron &apos;30 2 * * *&apos; --tz Asia/Shanghai</translation>
    </message>
    <message>
        <source>schedule add needs --cron EXPR</source>
        <translation>schedule add 需要 --cron EXPR</translation>
    </message>
    <message>
        <source>--priority and --max-attempts take whole numbers</source>
        <translation>--priority 和 --max-attempts 需要整数</translation>
    </message>
    <message>
        <source>--missed takes skip or once</source>
        <translation>--missed 的取值为 skip 或 once</translation>
    </message>
    <message>
        <source>schedule list takes no name</source>
        <translation>schedule list 不接受名称</translation>
    </message>
    <message>
        <source>schedule %1 takes one schedule name</source>
        <translation>schedule %1 需要一个计划名称</translation>
    </message>
    <message>
        <source>give add, list, enable, disable, remove or run-now</source>
        <translation>请给出 add、list、enable、disable、remove 或 run-now</translation>
    </message>
    <message>
        <source>schedule %1 added; first run %2 (%3 UTC)</source>
        <translation>计划 %1 已添加；首次运行 %2（UTC %3）</translation>
    </message>
    <message>
        <source>schedule %1 added, disabled</source>
        <translation>计划 %1 已添加，处于禁用状态</translation>
    </message>
    <message>
        <source>schedule %1 enabled</source>
        <translation>计划 %1 已启用</translation>
    </message>
    <message>
        <source>schedule %1 disabled</source>
        <translation>计划 %1 已禁用</translation>
    </message>
    <message>
        <source>schedule %1 removed (its tasks stay)</source>
        <translation>计划 %1 已移除（其任务保留）</translation>
    </message>
    <message>
        <source>no schedules; add one with: taskdeckctl schedule add NAME HANDLER --cron EXPR</source>
        <translation>没有计划；添加一个：taskdeckctl schedule add NAME HANDLER --cron EXPR</translation>
    </message>
    <message>
        <source>CRON</source>
        <translation>CRON</translation>
    </message>
    <message>
        <source>ZONE</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>ON</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>NEXT RUN (LOCAL)</source>
        <translation>下次运行（本地）</translation>
    </message>
    <message>
        <source>Queue of the tasks (default: default).</source>
        <translation>任务所在队列（默认：default）。</translation>
    </message>
    <message>
        <source>Priority of the tasks (default 0).</source>
        <translation>任务优先级（默认 0）。</translation>
    </message>
    <message>
        <source>Subscribe a handler to an event: each publish enqueues one task for it.</source>
        <translation>让处理程序订阅一个事件：每次发布都会为它入队一个任务。</translation>
    </message>
    <message>
        <source>give an EVENT and a HANDLER, e.g. subscribe order.created stock.reserve</source>
        <translation>请给出 EVENT 和 HANDLER，例如 subscribe order.created stock.reserve</translation>
    </message>
    <message>
        <source>--priority takes a whole number</source>
        <translation>--priority 需要一个整数</translation>
    </message>
    <message>
        <source>%1 now gets a task on queue %2 for every %3</source>
        <translation>每次 %3 时，%1 都会在队列 %2 上得到一个任务</translation>
    </message>
    <message>
        <source>Remove a subscription.</source>
        <translation>移除一个订阅。</translation>
    </message>
    <message>
        <source>give an EVENT and a HANDLER</source>
        <translation>请给出 EVENT 和 HANDLER</translation>
    </message>
    <message>
        <source>%1 no longer gets tasks for %2</source>
        <translation>%1 不再因 %2 得到任务</translation>
    </message>
    <message>
        <source>List subscriptions.</source>
        <translation>列出订阅。</translation>
    </message>
    <message>
        <source>give at most one event</source>
        <translation>至多给出一个事件</translation>
    </message>
    <message>
        <source>no subscriptions</source>
        <translation>没有订阅</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>PRIORITY</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Event data as JSON, @FILE or - for stdin.</source>
        <translation>事件数据（JSON），@FILE 或 - 表示标准输入。</translation>
    </message>
    <message>
        <source>Publish an event: one task per subscription, all in one transaction. Prints the ids.</source>
        <translation>发布一个事件：每个订阅一个任务，全部在一个事务中完成。输出任务编号。</translation>
    </message>
    <message>
        <source>give exactly one event name</source>
        <translation>请只给出一个事件名</translation>
    </message>
    <message>
        <source>taskdeckctl: nothing enqueued: no handler subscribes to %1 (see `subscriptions`)</source>
        <translation>taskdeckctl：未入队任何任务：没有处理程序订阅 %1（参见 `subscriptions`）</translation>
    </message>
    <message>
        <source>With set: remove succeeded tasks after this long (0: at once).</source>
        <translation>与 set 一起使用：成功的任务在这段时间后移除（0：立即）。</translation>
    </message>
    <message>
        <source>With set: remove runs of removed tasks after this long.</source>
        <translation>与 set 一起使用：已移除任务的运行记录在这段时间后移除。</translation>
    </message>
    <message>
        <source>With set: roll per-minute statistics up to hours after this long.</source>
        <translation>与 set 一起使用：按分钟的统计在这段时间后汇总为按小时。</translation>
    </message>
    <message>
        <source>With set: remove hourly statistics after this long.</source>
        <translation>与 set 一起使用：按小时的统计在这段时间后移除。</translation>
    </message>
    <message>
        <source>How long finished work is kept. Failed and cancelled tasks are never removed by retention; workers prune one at a time, in small batches.</source>
        <translation>已完成的工作保留多久。失败和已取消的任务从不因保留策略而移除；工作进程轮流清理，每次一小批。</translation>
    </message>
    <message>
        <source>give show, set or prune</source>
        <translation>请给出 show、set 或 prune</translation>
    </message>
    <message>
        <source>ages go with retention set</source>
        <translation>保留时长要与 retention set 一起使用</translation>
    </message>
    <message>
        <source>retention set needs --succeeded, --runs, --minute-stats or --hour-stats</source>
        <translation>retention set 需要 --succeeded、--runs、--minute-stats 或 --hour-stats</translation>
    </message>
    <message>
        <source>taskdeckctl: a worker is pruning right now; nothing to do here</source>
        <translation>taskdeckctl：某个工作进程正在清理；此处无事可做</translation>
    </message>
    <message>
        <source>… %1 tasks, %2 runs removed so far</source>
        <translation>… 目前已移除 %1 个任务、%2 条运行记录</translation>
    </message>
    <message>
        <source>removed %1 succeeded tasks and %2 runs, rolled up %3 hours of statistics, removed %4 old statistics rows</source>
        <translation>已移除 %1 个成功的任务和 %2 条运行记录，汇总了 %3 小时的统计，移除了 %4 行旧统计</translation>
    </message>
    <message>
        <source>succeeded tasks   %1</source>
        <translation>成功的任务       %1</translation>
    </message>
    <message>
        <source>removed at once</source>
        <translation>立即移除</translation>
    </message>
    <message>
        <source>runs              %1 after their task is removed</source>
        <translation>运行记录         任务移除后 %1</translation>
    </message>
    <message>
        <source>minute statistics %1, then hourly</source>
        <translation>按分钟统计       %1，之后按小时</translation>
    </message>
    <message>
        <source>hour statistics   %1</source>
        <translation>按小时统计       %1</translation>
    </message>
    <message>
        <source>failed and cancelled tasks are kept until an operator acts</source>
        <translation>失败和已取消的任务会一直保留，直到操作员处理</translation>
    </message>
    <message>
        <source>Entries to show (default 50).</source>
        <translation>显示的条目数（默认 50）。</translation>
    </message>
    <message>
        <source>Entries older than this entry id (paging).</source>
        <translation>早于此条目编号的条目（分页）。</translation>
    </message>
    <message>
        <source>The audit log: who (OS and database user) did what, when, to how many tasks.</source>
        <translation>审计日志：谁（操作系统用户和数据库用户）在何时对多少任务做了什么。</translation>
    </message>
    <message>
        <source>audit takes no arguments</source>
        <translation>audit 不接受参数</translation>
    </message>
    <message>
        <source>--limit takes a number from 1 to 10000</source>
        <translation>--limit 需要 1 到 10000 之间的数字</translation>
    </message>
    <message>
        <source>--before takes an entry id</source>
        <translation>--before 需要一个条目编号</translation>
    </message>
    <message>
        <source>AT (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>WHO</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>DB USER</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <source>ACTION</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>TASKS</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>retrying: %1 of %2</source>
        <translation>正在重试：%1 / %2</translation>
    </message>
    <message>
        <source>deleting: %1 of %2</source>
        <translation>正在删除：%1 / %2</translation>
    </message>
    <message>
        <source>Read the database password from FILE instead of the configuration&apos;s password_file (systemd: --password-file %d/password with LoadCredential=password:…).</source>
        <translation>从 FILE 读取数据库密码，而不是配置中的 password_file（systemd：--password-file %d/password 配合 LoadCredential=password:…）。</translation>
    </message>
    <message>
        <source>Run as the Windows service NAME, created with sc.exe (Windows only; on Linux use the taskdeck-worker@ systemd unit).</source>
        <translation>作为用 sc.exe 创建的 Windows 服务 NAME 运行（仅限 Windows；在 Linux 上请使用 taskdeck-worker@ systemd 单元）。</translation>
    </message>
    <message>
        <source>--service runs a worker as a Windows service; on Linux use the systemd unit taskdeck-worker@NAME (man taskdeckctl)</source>
        <translation>--service 用于把工作进程作为 Windows 服务运行；在 Linux 上请使用 systemd 单元 taskdeck-worker@NAME（man taskdeckctl）</translation>
    </message>
    <message>
        <source>An index that answers literal text searches (taskdeckctl list --search, the console&apos;s search box) without reading every task. PostgreSQL only (pg_trgm); built without stopping workers, but every enqueue then costs more. Run create and drop as the account that owns the schema.</source>
        <translation>一个无需读取全部任务即可回答字面文本搜索（taskdeckctl list --search、控制台的搜索框）的索引。仅限 PostgreSQL（pg_trgm）；建立时无需停止工作进程，但之后每次入队的开销会更大。请用拥有数据库结构的账户运行 create 和 drop。</translation>
    </message>
    <message>
        <source>give status, create or drop</source>
        <translation>请给出 status、create 或 drop</translation>
    </message>
    <message>
        <source>done in %1 s</source>
        <translation>用时 %1 秒完成</translation>
    </message>
    <message>
        <source>search index: in place — literal text searches use it</source>
        <translation>搜索索引：已存在 — 字面文本搜索会使用它</translation>
    </message>
    <message>
        <source>search index: none — literal text searches read every task</source>
        <translation>搜索索引：无 — 字面文本搜索会读取所有任务</translation>
    </message>
    <message>
        <source>Every matching task as CSV (all pages; --limit is the page size).</source>
        <translation>以 CSV 输出所有匹配的任务（全部页；--limit 为每页大小）。</translation>
    </message>
    <message>
        <source>With --csv: write to FILE, which appears only when the export is whole.</source>
        <translation>与 --csv 一起使用：写入 FILE，仅在导出完整时才生成该文件。</translation>
    </message>
    <message>
        <source>--output goes with --csv</source>
        <translation>--output 需与 --csv 一起使用</translation>
    </message>
    <message>
        <source>choose --csv or --json</source>
        <translation>请在 --csv 与 --json 中选择其一</translation>
    </message>
    <message>
        <source>exported %1 tasks…</source>
        <translation>已导出 %1 个任务…</translation>
    </message>
    <message>
        <source>standard output refused the data</source>
        <translation>标准输出拒绝了数据</translation>
    </message>
    <message>
        <source>exported %1 tasks to %2</source>
        <translation>已将 %1 个任务导出到 %2</translation>
    </message>
    <message>
        <source>no database connection: %1</source>
        <translation>没有数据库连接：%1</translation>
    </message>
    <message>
        <source>enqueued %1 tasks in one transaction; a worker with the demo&apos;s handlers runs them</source>
        <translation>已在一个事务中加入 %1 个任务；由带有演示处理器的工作进程运行它们</translation>
    </message>
    <message>
        <source>demo: %1 — retrying</source>
        <translation>演示：%1 — 正在重试</translation>
    </message>
    <message>
        <source>stopped after %1 s; the tasks still waiting run with &apos;taskdeckctl worker&apos; or in the console</source>
        <translation>%1 秒后已停止；仍在等待的任务可用 &apos;taskdeckctl worker&apos; 或在控制台中运行</translation>
    </message>
    <message>
        <source>Usage: taskdeckctl [--db URL] COMMAND [options]

TaskDeck: a task queue in the SQL database you already run.

Commands:
  init                     create or upgrade the schema
  enqueue HANDLER          add a task (prints its id)
  status ID                show a task; --wait waits until it finishes
  explain ID               why a task is not running (or how it ended)
  list                     list tasks with filters and paging
  retry ID...|--state S    retry failed or cancelled tasks
  delete ID...|--state S   delete tasks
  cancel ID...|--unique-key K   cancel pending or running tasks
  stats                    counts per state and queue, recent throughput, workers
  worker --config FILE     run tasks: the handlers in FILE, until stopped (or --once, --drain)
  queue list|pause|resume|set   queue settings: pause, concurrency limit, retries, timeout
  schedule add|list|enable|disable|remove|run-now   recurring tasks (cron in a time zone)
  subscribe EVENT HANDLER  one task for HANDLER whenever EVENT is published
  unsubscribe EVENT HANDLER, subscriptions [EVENT]
  publish EVENT            one task per subscription, in one transaction
  retention [show|set|prune]   how long finished work is kept
  audit                    who did what: retries, deletes, cancels, pauses, schedule changes
  search-index [status|create|drop]   an index for literal text search (PostgreSQL)
  agent list|show|retry|delete|stats   SQL Server Agent one-off jobs (the async-task pattern)
  demo                     fill the database with sample tasks and process them

Database locators (--db or TASKDECK_DB):
  sqlite:PATH                        an embedded database file
  odbc:CONNECTION-STRING             e.g. odbc:DSN=tasks
  postgresql://USER@HOST:PORT/DB     native PostgreSQL
Without one, the embedded database at %1 is used (created on first use).
Give passwords in TASKDECK_DB_PASSWORD, not on the command line.

Durations accept 250ms, 30s, 5m, 1h or plain seconds. &apos;taskdeckctl COMMAND --help&apos; shows a command&apos;s options.
Exit codes: 0 ok, 1 error, 2 wrong usage (nothing written), 3 task failed or cancelled, 4 task not finished, 5 no such task.
</source>
        <translation>用法：taskdeckctl [--db URL] 命令 [选项]

TaskDeck：建在你已有的 SQL 数据库中的任务队列。

命令：
  init                     创建或升级数据库结构
  enqueue HANDLER          添加任务（输出其编号）
  status ID                显示任务；--wait 等待其结束
  explain ID               任务为何没有运行（或它是如何结束的）
  list                     按条件分页列出任务
  retry ID...|--state S    重试失败或已取消的任务
  delete ID...|--state S   删除任务
  cancel ID...|--unique-key K   取消等待中或运行中的任务
  stats                    按状态和队列计数、近期吞吐量、工作进程
  worker --config FILE     用 FILE 中的处理程序运行任务，直到被停止（或 --once、--drain）
  queue list|pause|resume|set   队列设置：暂停、并发上限、重试、超时
  schedule add|list|enable|disable|remove|run-now   周期任务（某时区的 cron 表达式）
  subscribe EVENT HANDLER  每当发布 EVENT 时为 HANDLER 创建一个任务
  unsubscribe EVENT HANDLER, subscriptions [EVENT]
  publish EVENT            在一个事务中为每个订阅创建一个任务
  retention [show|set|prune]   已完成的工作保留多久
  audit                    谁做了什么：重试、删除、取消、暂停、计划变更
  search-index [status|create|drop]   字面文本搜索的索引（PostgreSQL）
  agent list|show|retry|delete|stats   SQL Server 代理一次性作业（异步任务模式）
  demo                     在数据库中填入示例任务并处理它们

数据库定位符（--db 或 TASKDECK_DB）：
  sqlite:PATH                        嵌入式数据库文件
  odbc:CONNECTION-STRING             例如 odbc:DSN=tasks
  postgresql://USER@HOST:PORT/DB     原生 PostgreSQL
未给出时使用位于 %1 的嵌入式数据库（首次使用时创建）。
密码请放在 TASKDECK_DB_PASSWORD 中，不要写在命令行上。

时长可写作 250ms、30s、5m、1h 或纯秒数。“taskdeckctl 命令 --help”显示该命令的选项。
退出码：0 成功，1 出错，2 用法错误（未写入任何内容），3 任务失败或已取消，4 任务未结束，5 无此任务。
</translation>
    </message>
    <message>
        <source>Why a task is where it is: for a waiting task, why it is not running (scheduled for later, its retry backoff, its queue paused or at its limit, no worker for it, a silent worker, tasks ahead of it), checked against the database now; the first reason is the answer.</source>
        <translation>任务为何处于当前状态：对等待中的任务，说明它为何没有运行（计划稍后运行、重试退避、队列已暂停或已达上限、没有可用的工作进程、工作进程无响应、前面还有任务），均按数据库当前状态检查；第一条原因即答案。</translation>
    </message>
    <message>
        <source>taskdeckctl: there is no task %1 (`status %1` tells whether it ran and was removed)</source>
        <translation>taskdeckctl：没有任务 %1（`status %1` 可告诉你它是否运行过并已被移除）</translation>
    </message>
    <message>
        <source>task %1 is %2:</source>
        <translation>任务 %1 为%2：</translation>
    </message>
</context>
<context>
    <name>DatabaseConnection</name>
    <message>
        <source>cannot connect to PostgreSQL at %1:%2 (database %3, user %4) through the native driver: %5 — check that the server is running and accepts TCP connections from this machine, and the user and password (TASKDECK_DB_PASSWORD)</source>
        <translation>无法通过原生驱动连接 %1:%2 上的 PostgreSQL（数据库 %3，用户 %4）：%5 — 请检查服务器是否在运行并接受来自本机的 TCP 连接，以及用户名和密码（TASKDECK_DB_PASSWORD）</translation>
    </message>
    <message>
        <source>cannot connect through ODBC with %1: %2 — check that the driver named in DRIVER= is installed (odbcinst -q -d) or that the DSN exists (odbcinst -q -s), and the server, port, database, user and password (TASKDECK_DB_PASSWORD)</source>
        <translation>无法通过 ODBC 用 %1 连接：%2 — 请检查 DRIVER= 中指定的驱动是否已安装（odbcinst -q -d）或 DSN 是否存在（odbcinst -q -s），以及服务器、端口、数据库、用户名和密码（TASKDECK_DB_PASSWORD）</translation>
    </message>
    <message>
        <source>%1 reached SQLite through ODBC, which loses claimed tasks (its driver drops RETURNING rows): use sqlite:PATH instead</source>
        <translation>%1 通过 ODBC 连接到了 SQLite，这会丢失已认领的任务（其驱动会丢弃 RETURNING 返回的行）：请改用 sqlite:PATH</translation>
    </message>
    <message>
        <source>%1 reached %2, for which this build of TaskDeck has no dialect: TaskDeck speaks PostgreSQL, MariaDB/MySQL and SQL Server through ODBC (add dialect=postgresql, dialect=mariadb or dialect=sqlserver if the driver names its database differently)</source>
        <translation>%1 连接到了 %2，此版本的 TaskDeck 没有它的方言：TaskDeck 通过 ODBC 支持 PostgreSQL、MariaDB/MySQL 和 SQL Server（如果驱动报告的数据库名称不同，请加上 dialect=postgresql、dialect=mariadb 或 dialect=sqlserver）</translation>
    </message>
</context>
<context>
    <name>Dialect</name>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>无法开始事务：%1</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>&apos;%1&apos; is not a duration: use a number of seconds or a number with a unit, e.g. 250ms, 30s, 5m, 1h, 2d</source>
        <translation>“%1”不是时长：请使用秒数或带单位的数字，例如 250ms、30s、5m、1h、2d</translation>
    </message>
    <message>
        <source>duration &apos;%1&apos; is too long (at most 10 years)</source>
        <translation>时长“%1”太长（至多 10 年）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a duration: it must not be negative</source>
        <translation>“%1”不是有效的时长：不能为负数</translation>
    </message>
</context>
<context>
    <name>MetricsServer</name>
    <message>
        <source>&apos;%1&apos; is not HOST:PORT with a numeric address, e.g. 127.0.0.1:9464</source>
        <translation>“%1”不是使用数字地址的 HOST:PORT，例如 127.0.0.1:9464</translation>
    </message>
    <message>
        <source>cannot serve metrics on %1: %2</source>
        <translation>无法在 %1 上提供指标：%2</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Open SQL Server Agent jobs</source>
        <translation>打开 SQL Server 代理作业</translation>
    </message>
</context>
<context>
    <name>StoreClient</name>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>正在重新连接</translation>
    </message>
    <message>
        <source>%1 is not open</source>
        <translation>%1 未打开</translation>
    </message>
    <message>
        <source>not connected to %1 (%2) — reconnecting</source>
        <translation>未连接到 %1（%2）— 正在重新连接</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>reconnected to %1</source>
        <translation>已重新连接到 %1</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>%1 — trying again in %2 s</source>
        <translation>%1 — %2 秒后重试</translation>
    </message>
    <message>
        <source>waiting for the server</source>
        <translation>等待服务器应答</translation>
    </message>
    <message>
        <source>%1 has not answered for %2 s — a long statement, a lock someone else holds, or the network; what is shown is from before</source>
        <translation>%1 已有 %2 秒没有应答——可能是耗时的语句、他人持有的锁或网络问题；当前显示的是之前的数据</translation>
    </message>
</context>
<context>
    <name>TaskState</name>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>已计划</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
</context>
<context>
    <name>taskdeck</name>
    <message>
        <source>SQL Server refused to %1 job &apos;%2&apos;: this login needs the SQLAgentOperatorRole role in msdb, or must own the job (the server said: %3)</source>
        <translation>SQL Server 拒绝%1作业“%2”：此登录名需要 msdb 中的 SQLAgentOperatorRole 角色，或者必须是该作业的所有者（服务器返回：%3）</translation>
    </message>
    <message>
        <source>job &apos;%1&apos; is already running: wait for it to end</source>
        <translation>作业“%1”已在运行：请等它结束</translation>
    </message>
    <message>
        <source>job &apos;%1&apos; no longer exists: it may have succeeded and deleted itself, or someone deleted it</source>
        <translation>作业“%1”已不存在：它可能已成功并删除了自己，或已被他人删除</translation>
    </message>
    <message>
        <source>cannot %1 job &apos;%2&apos;: %3</source>
        <translation>无法%1作业“%2”：%3</translation>
    </message>
    <message>
        <source>%1 must not be empty</source>
        <translation>%1不能为空</translation>
    </message>
    <message>
        <source>%1 contains a NUL character, which no database stores reliably: remove it</source>
        <translation>%1包含 NUL 字符，没有哪个数据库能可靠地存储它：请将其删除</translation>
    </message>
    <message>
        <source>%1 contains a control character (tab, newline, …): use printable text</source>
        <translation>%1包含控制字符（制表符、换行符等）：请使用可打印文本</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; starts or ends with a space: remove it</source>
        <translation>%1“%2”以空格开头或结尾：请将其删除</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; at most %3 are allowed</source>
        <translation>%1长 %2 个字符；最多允许 %3 个</translation>
    </message>
    <message>
        <source>unique key</source>
        <translation>唯一键</translation>
    </message>
    <message>
        <source>search text contains a NUL character: remove it</source>
        <translation>搜索文本包含 NUL 字符：请将其删除</translation>
    </message>
    <message>
        <source>search text is %1 characters long; at most %2 are allowed</source>
        <translation>搜索文本长 %1 个字符；最多允许 %2 个</translation>
    </message>
    <message>
        <source>payload contains a NUL character: remove it</source>
        <translation>负载包含 NUL 字符：请将其删除</translation>
    </message>
    <message>
        <source>payload is %1 bytes; at most %2 are allowed — store large data elsewhere and pass a reference</source>
        <translation>负载为 %1 字节；最多允许 %2 字节 — 请把大数据存放在别处并传递引用</translation>
    </message>
    <message>
        <source>payload contains an escaped NUL (\u0000): remove it</source>
        <translation>负载包含转义的 NUL（\u0000）：请将其删除</translation>
    </message>
    <message>
        <source> …[cut: %1 more characters]</source>
        <translation> …[已截去 %1 个字符]</translation>
    </message>
    <message>
        <source>the Qt SQL driver %1 needed for %2 is not installed: install the package %3 (Debian/Ubuntu) or the Qt SQL plugin of your platform</source>
        <translation>未安装 %2 所需的 Qt SQL 驱动 %1：请安装软件包 %3（Debian/Ubuntu）或你的平台上的 Qt SQL 插件</translation>
    </message>
    <message>
        <source>%1 is a folder, not a database file</source>
        <translation>%1 是文件夹，不是数据库文件</translation>
    </message>
    <message>
        <source>there is no database at %1 — check the path, or create it with: taskdeckctl --db sqlite:%2 init</source>
        <translation>%1 处没有数据库 — 请检查路径，或用以下命令创建：taskdeckctl --db sqlite:%2 init</translation>
    </message>
    <message>
        <source>cannot create the folder %1 for the database: check its permissions</source>
        <translation>无法为数据库创建文件夹 %1：请检查其权限</translation>
    </message>
    <message>
        <source>cannot configure the SQLite database (%1): %2</source>
        <translation>无法配置 SQLite 数据库（%1）：%2</translation>
    </message>
    <message>
        <source>SQLite answered &apos;%1&apos; to %2 instead of &apos;%3&apos;: the database file may be on a file system that does not support write-ahead logging (use a local disk)</source>
        <translation>SQLite 对 %2 的回答是“%1”而不是“%3”：数据库文件可能位于不支持预写日志（WAL）的文件系统上（请使用本地磁盘）</translation>
    </message>
    <message>
        <source>stopped after %1 of %2 ms</source>
        <translation>在 %1 ms 后停止（共 %2 ms）</translation>
    </message>
    <message>
        <source>slept %1 of %2 ms</source>
        <translation>已休眠 %1 ms（共 %2 ms）</translation>
    </message>
    <message>
        <source>failed on purpose (builtin &apos;fail&apos;)</source>
        <translation>有意失败（内置处理程序“fail”）</translation>
    </message>
    <message>
        <source>cannot append to the journal %1</source>
        <translation>无法追加写入日志文件 %1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>&apos;%1&apos; takes a duration such as &quot;30s&quot; or a number of seconds</source>
        <translation>“%1”需要一个时长，例如 &quot;30s&quot;，或一个秒数</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in %2 (known: %3)</source>
        <translation>%2 中的键“%1”无法识别（可用的键：%3）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; takes a list of strings, e.g. [&quot;a&quot;, &quot;b&quot;]</source>
        <translation>“%1”需要一个字符串列表，例如 [&quot;a&quot;, &quot;b&quot;]</translation>
    </message>
    <message>
        <source>&apos;%1&apos; takes a list of strings only</source>
        <translation>“%1”只接受字符串列表</translation>
    </message>
    <message>
        <source>handler &apos;%1&apos; must be an object such as {&quot;type&quot;: &quot;builtin&quot;}</source>
        <translation>处理程序“%1”必须是一个对象，例如 {&quot;type&quot;: &quot;builtin&quot;}</translation>
    </message>
    <message>
        <source>builtin handler &apos;%1&apos;</source>
        <translation>内置处理程序“%1”</translation>
    </message>
    <message>
        <source>handler &apos;%1&apos;: there is no builtin &apos;%2&apos; (builtins: %3)</source>
        <translation>处理程序“%1”：没有名为“%2”的内置处理程序（内置：%3）</translation>
    </message>
    <message>
        <source>handler &apos;%1&apos;: the builtin &apos;%2&apos; needs its options (journal: &quot;file&quot;)</source>
        <translation>处理程序“%1”：内置处理程序“%2”需要选项（journal: &quot;file&quot;）</translation>
    </message>
    <message>
        <source>process handler &apos;%1&apos;</source>
        <translation>进程处理程序“%1”</translation>
    </message>
    <message>
        <source>process handler &apos;%1&apos; needs &quot;program&quot;: the path of what to run</source>
        <translation>进程处理程序“%1”需要 &quot;program&quot;：要运行的程序的路径</translation>
    </message>
    <message>
        <source>&apos;env&apos; takes an object of strings</source>
        <translation>“env”需要一个由字符串组成的对象</translation>
    </message>
    <message>
        <source>environment variable &apos;%1&apos; must be a string</source>
        <translation>环境变量“%1”必须是字符串</translation>
    </message>
    <message>
        <source>sql handler &apos;%1&apos;</source>
        <translation>SQL 处理程序“%1”</translation>
    </message>
    <message>
        <source>sql handler &apos;%1&apos; needs &quot;statement&quot;, with :payload, :task_id and :attempt where the task&apos;s values go</source>
        <translation>SQL 处理程序“%1”需要 &quot;statement&quot;，并用 :payload、:task_id 和 :attempt 表示任务的值</translation>
    </message>
    <message>
        <source>handler &apos;%1&apos; needs &quot;type&quot;: &quot;builtin&quot;, &quot;process&quot; or &quot;sql&quot;</source>
        <translation>处理程序“%1”需要 &quot;type&quot;：&quot;builtin&quot;、&quot;process&quot; 或 &quot;sql&quot;</translation>
    </message>
    <message>
        <source>the %1 field &apos;%2&apos; has &apos;%3&apos;, which is not a number%4</source>
        <translation>%1字段“%2”中有“%3”，它不是数字%4</translation>
    </message>
    <message>
        <source> or a name like %1</source>
        <translation> 或类似 %1 的名称</translation>
    </message>
    <message>
        <source>the %1 field &apos;%2&apos; has %3, outside %4–%5</source>
        <translation>%1字段“%2”中有 %3，超出了 %4–%5</translation>
    </message>
    <message>
        <source>the %1 field &apos;%2&apos; has an empty list item</source>
        <translation>%1字段“%2”中有空的列表项</translation>
    </message>
    <message>
        <source>the %1 field &apos;%2&apos; has the step &apos;%3&apos;: give a whole number from 1 to %4</source>
        <translation>%1字段“%2”中的步长为“%3”：请给出 1 到 %4 之间的整数</translation>
    </message>
    <message>
        <source>the %1 field &apos;%2&apos; has the range %3, which runs backwards</source>
        <translation>%1字段“%2”中的范围 %3 是倒序的</translation>
    </message>
    <message>
        <source>task %1 of the batch: %2</source>
        <translation>批次中的第 %1 个任务：%2</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>give either a delay or a run time, not both</source>
        <translation>延迟和运行时间只能给出其一</translation>
    </message>
    <message>
        <source>the delay must not be negative</source>
        <translation>延迟不能为负</translation>
    </message>
    <message>
        <source>the run time is not a valid date and time</source>
        <translation>运行时间不是有效的日期和时间</translation>
    </message>
    <message>
        <source>max attempts must be between 1 and 1000</source>
        <translation>最大尝试次数必须在 1 到 1000 之间</translation>
    </message>
    <message>
        <source>the timeout must be between 1 second and 7 days</source>
        <translation>超时必须在 1 秒到 7 天之间</translation>
    </message>
    <message>
        <source>the priority must be between -1000000 and 1000000</source>
        <translation>优先级必须在 -1000000 到 1000000 之间</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a cursor from a previous page: pass the value printed after a page</source>
        <translation>“%1”不是上一页给出的游标：请传入分页后打印的值</translation>
    </message>
    <message>
        <source>the cursor belongs to a listing sorted differently: use the same sort as the page it came from</source>
        <translation>该游标属于按其他方式排序的列表：请使用与其来源页相同的排序</translation>
    </message>
    <message>
        <source>schedule name</source>
        <translation>计划名称</translation>
    </message>
    <message>
        <source>the cron expression is longer than %1 characters</source>
        <translation>cron 表达式超过了 %1 个字符</translation>
    </message>
    <message>
        <source>&apos;%1&apos; never fires in the next ten years: check the day and month fields</source>
        <translation>“%1”在未来十年内都不会触发：请检查日和月字段</translation>
    </message>
    <message>
        <source>payload is not valid JSON at line %1, column %2: %3</source>
        <translation>数据不是有效的 JSON（第 %1 行，第 %2 列）：%3</translation>
    </message>
    <message>
        <source>a worker id has 1 to 200 characters</source>
        <translation>工作进程 ID 为 1 到 200 个字符</translation>
    </message>
</context>
<context>
    <name>taskdeck::AgentJobModel</name>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>作业</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Step command</source>
        <translation>步骤命令</translation>
    </message>
</context>
<context>
    <name>taskdeck::AgentJobStore</name>
    <message>
        <source>Agent-job mode reads SQL Server Agent&apos;s jobs: %1 is not a SQL Server database</source>
        <translation>代理作业模式读取的是 SQL Server 代理的作业：%1 不是 SQL Server 数据库</translation>
    </message>
    <message>
        <source>look for the async_task_logs table</source>
        <translation>查找 async_task_logs 表</translation>
    </message>
    <message>
        <source>cannot %1 on %2: %3</source>
        <translation>无法在 %2 上%1：%3</translation>
    </message>
    <message>
        <source>read SQL Server Agent&apos;s jobs</source>
        <translation>读取 SQL Server 代理的作业</translation>
    </message>
    <message>
        <source>this login may not read SQL Server Agent&apos;s job list: it needs the SQLAgentReaderRole role in msdb (%1)</source>
        <translation>此登录名无权读取 SQL Server 代理的作业列表：需要 msdb 中的 SQLAgentReaderRole 角色（%1）</translation>
    </message>
    <message>
        <source>read async_task_logs</source>
        <translation>读取 async_task_logs</translation>
    </message>
    <message>
        <source>read SQL Server Agent&apos;s job history</source>
        <translation>读取 SQL Server 代理的作业历史</translation>
    </message>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>taskdeck::AgentJobsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start again</source>
        <translation>重新启动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete job…</source>
        <translation>删除作业(&amp;D)…</translation>
    </message>
    <message>
        <source>msdb.dbo.sp_start_job, by the job&apos;s id: needs SQLAgentOperatorRole or ownership</source>
        <translation>msdb.dbo.sp_start_job，按作业编号：需要 SQLAgentOperatorRole 或所有权</translation>
    </message>
    <message>
        <source>msdb.dbo.sp_delete_job, by the job&apos;s id: needs SQLAgentOperatorRole or ownership</source>
        <translation>msdb.dbo.sp_delete_job，按作业编号：需要 SQLAgentOperatorRole 或所有权</translation>
    </message>
    <message>
        <source>Agent job runs per minute, last hour</source>
        <translation>代理作业每分钟运行次数，最近一小时</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>SQL Server Agent one-off jobs (the async-task pattern: one job per task, kept when it fails). Commands are shown as text and never run by TaskDeck.</source>
        <translation>SQL Server 代理一次性作业（异步任务模式：每个任务一个作业，失败时保留）。命令仅作为文本显示，TaskDeck 从不执行。</translation>
    </message>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Delete job</source>
        <translation>删除作业</translation>
    </message>
    <message>
        <source>Delete SQL Server Agent job &apos;%1&apos; and its history? It cannot be started again.</source>
        <translation>删除 SQL Server 代理作业“%1”及其历史记录吗？删除后无法再启动它。</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>%1 failed · %2 running · %3 queued · %4 jobs in all — last hour: %5 succeeded, %6 failed</source>
        <translation>%1 个失败 · %2 个运行中 · %3 个排队 · 共 %4 个作业 — 最近一小时：%5 个成功，%6 个失败</translation>
    </message>
    <message>
        <source>Job %1 — %2</source>
        <translation>作业 %1 — %2</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>编号 %1</translation>
    </message>
    <message>
        <source>Last message: %1</source>
        <translation>最后一条消息：%1</translation>
    </message>
    <message>
        <source>Step command (text, never run by TaskDeck):</source>
        <translation>步骤命令（文本，TaskDeck 从不执行）：</translation>
    </message>
    <message>
        <source>async_task_logs: %1</source>
        <translation>async_task_logs：%1</translation>
    </message>
    <message>
        <source>No async_task_logs rows for this job.</source>
        <translation>此作业没有 async_task_logs 记录。</translation>
    </message>
    <message>
        <source>async_task_logs:</source>
        <translation>async_task_logs：</translation>
    </message>
    <message>
        <source>%1: done (%2)</source>
        <translation>%1：完成（%2）</translation>
    </message>
</context>
<context>
    <name>taskdeck::AuditLogModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>Database user</source>
        <translation>数据库用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>taskdeck::AuditView</name>
    <message>
        <source>Operator actions from the console and taskdeckctl, newest first (the last %1; `taskdeckctl audit --before ID` pages further back):</source>
        <translation>来自控制台和 taskdeckctl 的操作记录，最新的在前（最近 %1 条；用 `taskdeckctl audit --before ID` 继续向前翻页）：</translation>
    </message>
</context>
<context>
    <name>taskdeck::ConnectionDialog</name>
    <message>
        <source>Remember in the system keychain</source>
        <translation>记住在系统钥匙串中</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <source>PostgreSQL (native)</source>
        <translation>PostgreSQL（原生）</translation>
    </message>
    <message>
        <source>ODBC data source</source>
        <translation>ODBC 数据源</translation>
    </message>
    <message>
        <source>ODBC driver</source>
        <translation>ODBC 驱动</translation>
    </message>
    <message>
        <source>ODBC connection string</source>
        <translation>ODBC 连接字符串</translation>
    </message>
    <message>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>SQLite database</source>
        <translation>SQLite 数据库</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>TLS (sslmode):</source>
        <translation>TLS（sslmode）：</translation>
    </message>
    <message>
        <source>ODBC driver:</source>
        <translation>ODBC 驱动：</translation>
    </message>
    <message>
        <source>Data source:</source>
        <translation>数据源：</translation>
    </message>
    <message>
        <source>Connection string:</source>
        <translation>连接字符串：</translation>
    </message>
    <message>
        <source>Profile name:</source>
        <translation>配置名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Dialect:</source>
        <translation>方言：</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remove profile</source>
        <translation>删除配置(&amp;R)</translation>
    </message>
    <message>
        <source>The system keychain is not available (%1): type the password.</source>
        <translation>系统钥匙串不可用（%1）：请输入密码。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Connected. The schema (version %1) is newer than this console: read-only.</source>
        <translation>已连接。数据库结构（版本 %1）比此控制台新：只读。</translation>
    </message>
    <message>
        <source>Connected. TaskDeck schema version %1.</source>
        <translation>已连接。TaskDeck 数据库结构版本 %1。</translation>
    </message>
    <message>
        <source>Connected, but this database has no TaskDeck schema yet: opening it offers to create it.</source>
        <translation>已连接，但此数据库还没有 TaskDeck 数据库结构：打开时会提示创建。</translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
</context>
<context>
    <name>taskdeck::ConnectionPage</name>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Workers</source>
        <translation>工作进程(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Schedules</source>
        <translation>计划(&amp;S)</translation>
    </message>
    <message>
        <source>A&amp;udit</source>
        <translation>审计(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Local executor</source>
        <translation>本地执行器(&amp;L)</translation>
    </message>
    <message>
        <source>Cannot open this database: %1</source>
        <translation>无法打开此数据库：%1</translation>
    </message>
    <message>
        <source>Read-only: %1 has a newer schema (version %2) than this console understands (%3). Upgrade TaskDeck to change anything.</source>
        <translation>只读：%1 的数据库结构（版本 %2）比此控制台能理解的（%3）新。请升级 TaskDeck 后再做修改。</translation>
    </message>
    <message>
        <source>the database&apos;s schema is newer than this console</source>
        <translation>数据库结构比此控制台新</translation>
    </message>
    <message>
        <source>Create the TaskDeck schema?</source>
        <translation>创建 TaskDeck 数据库结构？</translation>
    </message>
    <message>
        <source>%1

Create the TaskDeck tables in this database now?</source>
        <translation>%1

现在在此数据库中创建 TaskDeck 的表吗？</translation>
    </message>
    <message>
        <source>Read-only: %1. Retry, delete, cancel, enqueue, pause and schedule changes are off; they need the taskdeck_operator role.</source>
        <translation>只读：%1。重试、删除、取消、入队、暂停和计划变更均已关闭；这些操作需要 taskdeck_operator 角色。</translation>
    </message>
    <message>
        <source>The demo cannot add tasks: %1</source>
        <translation>演示无法添加任务：%1</translation>
    </message>
</context>
<context>
    <name>taskdeck::CronExpression</name>
    <message>
        <source>&apos;%1&apos; is not a cron macro: use @yearly, @monthly, @weekly, @daily or @hourly</source>
        <translation>“%1”不是 cron 宏：请使用 @yearly、@monthly、@weekly、@daily 或 @hourly</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has %2 fields; a cron expression has 5 (minute hour day month weekday) or 6 (second first)</source>
        <translation>“%1”有 %2 个字段；cron 表达式有 5 个字段（分 时 日 月 星期）或 6 个字段（秒在最前）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone this system knows: give an IANA name such as Europe/Berlin or Asia/Shanghai (is the tzdata package installed?)</source>
        <translation>“%1”不是本系统已知的时区：请给出 IANA 名称，例如 Europe/Berlin 或 Asia/Shanghai（是否已安装 tzdata 软件包？）</translation>
    </message>
</context>
<context>
    <name>taskdeck::Dialogs</name>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>输入 &lt;b&gt;%1&lt;/b&gt; 以确认：</translation>
    </message>
</context>
<context>
    <name>taskdeck::Dispatcher</name>
    <message>
        <source>the worker has no handlers: configure at least one in its configuration</source>
        <translation>工作进程没有处理程序：请在其配置中至少配置一个</translation>
    </message>
    <message>
        <source>the local executor is stopping</source>
        <translation>本地执行器正在停止</translation>
    </message>
    <message>
        <source>the local executor has no database connection at the moment</source>
        <translation>本地执行器目前没有数据库连接</translation>
    </message>
    <message>
        <source>the local executor has no handler &apos;%1&apos; (it has: %2)</source>
        <translation>本地执行器没有处理程序“%1”（它有：%2）</translation>
    </message>
    <message>
        <source>this worker has no handler &apos;%1&apos;</source>
        <translation>此工作进程没有处理程序“%1”</translation>
    </message>
    <message>
        <source>the handler threw an exception: %1</source>
        <translation>处理程序抛出了异常：%1</translation>
    </message>
    <message>
        <source>the handler threw an unknown exception</source>
        <translation>处理程序抛出了未知异常</translation>
    </message>
    <message>
        <source>timed out after %1 s</source>
        <translation>%1 秒后超时</translation>
    </message>
    <message>
        <source>cancelled by an operator</source>
        <translation>已被操作员取消</translation>
    </message>
    <message>
        <source>interrupted: the worker shut down before the task finished</source>
        <translation>已中断：任务结束前工作进程已关闭</translation>
    </message>
</context>
<context>
    <name>taskdeck::EnqueueDialog</name>
    <message>
        <source>Delete the original task once this one is enqueued</source>
        <translation>此任务入队后删除原任务</translation>
    </message>
    <message>
        <source>Enqueue a task</source>
        <translation>将任务入队</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>optional: a second task with this key is not created</source>
        <translation>可选：不会再创建带相同键的第二个任务</translation>
    </message>
    <message>
        <source>Enqueue</source>
        <translation>入队</translation>
    </message>
    <message>
        <source>&amp;Handler:</source>
        <translation>处理程序(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>队列(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Payload (JSON):</source>
        <translation>负载（JSON）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation>延迟(&amp;D)：</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>优先级(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Unique key:</source>
        <translation>唯一键(&amp;U)：</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>taskdeck::ExecutorView</name>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Demo handlers (%1)</source>
        <translation>演示处理程序（%1）</translation>
    </message>
    <message>
        <source>Builtin handlers (%1)</source>
        <translation>内置处理程序（%1）</translation>
    </message>
    <message>
        <source>Worker configuration file…</source>
        <translation>工作进程配置文件…</translation>
    </message>
    <message>
        <source>Handlers:</source>
        <translation>处理程序：</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>并发数：</translation>
    </message>
    <message>
        <source>Running as worker %1 with %2 threads.</source>
        <translation>正作为工作进程 %1 运行，使用 %2 个线程。</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <source>Stopped after recording %1 runs (%2 failed).</source>
        <translation>已停止，共记录 %1 次运行（%2 次失败）。</translation>
    </message>
    <message>
        <source>Running as worker %1: %2 runs recorded, %3 of them failed.</source>
        <translation>正作为工作进程 %1 运行：已记录 %2 次运行，其中 %3 次失败。</translation>
    </message>
    <message>
        <source>Task %1 cannot run now: %2</source>
        <translation>任务 %1 现在无法运行：%2</translation>
    </message>
    <message>
        <source>Database trouble: %1 — retrying</source>
        <translation>数据库出现问题：%1 — 正在重试</translation>
    </message>
    <message>
        <source>The database connection is back.</source>
        <translation>数据库连接已恢复。</translation>
    </message>
    <message>
        <source>The local executor runs tasks in this console, on this computer. It is stopped.</source>
        <translation>本地执行器在此控制台中、在这台计算机上运行任务。它已停止。</translation>
    </message>
    <message>
        <source>Worker configuration</source>
        <translation>工作进程配置</translation>
    </message>
    <message>
        <source>Worker configuration (*.json)</source>
        <translation>工作进程配置 (*.json)</translation>
    </message>
    <message>
        <source>Cannot use %1: %2</source>
        <translation>无法使用 %1：%2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping: no new tasks; running ones may finish…</source>
        <translation>正在停止：不再认领新任务；运行中的任务可以完成…</translation>
    </message>
    <message>
        <source>the local executor is not running: start it on the Local executor tab</source>
        <translation>本地执行器未运行：请在“本地执行器”标签页中启动它</translation>
    </message>
    <message>
        <source>Running task %1 here now…</source>
        <translation>正在此处运行任务 %1…</translation>
    </message>
</context>
<context>
    <name>taskdeck::GuideDialog</name>
    <message>
        <source>TaskDeck console guide</source>
        <translation>TaskDeck 控制台指南</translation>
    </message>
    <message>
        <source>The guide is missing from this build; see the README&apos;s section &quot;The console&quot;.</source>
        <translation>此版本缺少指南；请参阅 README 中的“The console”一节。</translation>
    </message>
</context>
<context>
    <name>taskdeck::HealthBar</name>
    <message numerus="yes">
        <source>%n failed task(s)</source>
        <translation>
            <numerusform>%n 个失败任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed run(s) in the last hour</source>
        <translation>
            <numerusform>最近一小时 %n 次运行失败</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed tasks wait for an operator (retry or delete them); failed runs include attempts that will be retried. Click to list the failed tasks.</source>
        <translation>失败的任务等待操作员处理（重试或删除）；失败的运行包括之后还会重试的尝试。点击列出失败的任务。</translation>
    </message>
    <message>
        <source>oldest waiting %1 (%2)</source>
        <translation>最久等待 %1（%2）</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>没有等待中的任务</translation>
    </message>
    <message>
        <source>How long the oldest runnable task has waited past its run time. Click to list the waiting tasks.</source>
        <translation>最早的可运行任务已超过其运行时间等待了多久。点击列出等待中的任务。</translation>
    </message>
    <message numerus="yes">
        <source>%n live worker(s)</source>
        <translation>
            <numerusform>%n 个在线工作进程</numerusform>
        </translation>
    </message>
    <message>
        <source>Workers that sent a heartbeat in the last minute. Click for the workers.</source>
        <translation>最近一分钟内发送过心跳的工作进程。点击查看工作进程。</translation>
    </message>
    <message>
        <source>No worker is running: nothing will be executed until one starts (taskdeckctl worker, or the local executor).</source>
        <translation>没有工作进程在运行：在启动一个之前不会执行任何任务（taskdeckctl worker 或本地执行器）。</translation>
    </message>
    <message numerus="yes">
        <source>%n paused queue(s)</source>
        <translation>
            <numerusform>%n 个已暂停队列</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused queues keep their tasks but no worker claims them. Click for the queues.</source>
        <translation>已暂停的队列保留其任务，但没有工作进程领取它们。点击查看队列。</translation>
    </message>
</context>
<context>
    <name>taskdeck::JsonSyntax</name>
    <message>
        <source>single quotes: JSON writes names and strings in double quotes (&quot;like this&quot;)</source>
        <translation>单引号：JSON 中的名称和字符串使用双引号（&quot;像这样&quot;）</translation>
    </message>
    <message>
        <source>a comma before &apos;%1&apos;: remove the trailing comma</source>
        <translation>“%1”之前有逗号：请删除末尾多余的逗号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no quotes: JSON writes names and strings in double quotes (&quot;%1&quot;)</source>
        <translation>“%1”没有引号：JSON 中的名称和字符串使用双引号（&quot;%1&quot;）</translation>
    </message>
    <message>
        <source>more than one value: a payload is one JSON value (wrap several in [ … ])</source>
        <translation>不止一个值：数据只能是一个 JSON 值（多个值请用 [ … ] 包起来）</translation>
    </message>
    <message>
        <source>a string that is never closed: add the closing double quote</source>
        <translation>字符串没有结束：请补上结尾的双引号</translation>
    </message>
    <message>
        <source>the text ends too early: %1</source>
        <translation>文本提前结束：%1</translation>
    </message>
</context>
<context>
    <name>taskdeck::LocalExecutor</name>
    <message>
        <source>the local executor is not running: start it first</source>
        <translation>本地执行器未运行：请先启动它</translation>
    </message>
</context>
<context>
    <name>taskdeck::LocalRunsModel</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1% %2</source>
        <translation>%1% %2</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
</context>
<context>
    <name>taskdeck::Locator</name>
    <message>
        <source>the database locator is empty: </source>
        <translation>数据库定位符为空： </translation>
    </message>
    <message>
        <source>the sqlite: locator needs a file path, e.g. sqlite:/var/lib/taskdeck/tasks.db</source>
        <translation>sqlite: 定位符需要文件路径，例如 sqlite:/var/lib/taskdeck/tasks.db</translation>
    </message>
    <message>
        <source>the database path contains a NUL character</source>
        <translation>数据库路径包含 NUL 字符</translation>
    </message>
    <message>
        <source>the odbc: locator needs a connection string, e.g. odbc:DSN=tasks or odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;DATABASE=td;UID=taskdeck</source>
        <translation>odbc: 定位符需要连接字符串，例如 odbc:DSN=tasks 或 odbc:DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;DATABASE=td;UID=taskdeck</translation>
    </message>
    <message>
        <source>the ODBC connection string has a part without KEY=: &apos;%1&apos;</source>
        <translation>ODBC 连接字符串中有一部分没有 KEY=：“%1”</translation>
    </message>
    <message>
        <source>unknown dialect &apos;%1&apos;: use one of %2</source>
        <translation>未知方言“%1”：请使用 %2 之一</translation>
    </message>
    <message>
        <source>the ODBC connection string names no DSN or DRIVER</source>
        <translation>ODBC 连接字符串既没有 DSN 也没有 DRIVER</translation>
    </message>
    <message>
        <source>the PostgreSQL locator is not a valid URL (%1): use postgresql://USER@HOST:PORT/DATABASE?sslmode=require</source>
        <translation>PostgreSQL 定位符不是有效的 URL（%1）：请使用 postgresql://USER@HOST:PORT/DATABASE?sslmode=require</translation>
    </message>
    <message>
        <source>the PostgreSQL locator names no host: postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>PostgreSQL 定位符没有指定主机：postgresql://USER@HOST:PORT/DATABASE</translation>
    </message>
    <message>
        <source>the PostgreSQL locator names no database: postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>PostgreSQL 定位符没有指定数据库：postgresql://USER@HOST:PORT/DATABASE</translation>
    </message>
    <message>
        <source>unknown PostgreSQL option &apos;%1&apos;: supported are %2</source>
        <translation>未知的 PostgreSQL 选项“%1”：支持的有 %2</translation>
    </message>
    <message>
        <source>the value of PostgreSQL option &apos;%1&apos; may contain only letters, digits and _ . / : @ + -</source>
        <translation>PostgreSQL 选项“%1”的值只能包含字母、数字和 _ . / : @ + -</translation>
    </message>
    <message>
        <source>%1 is reached through ODBC: use odbc:DRIVER={…};SERVER=…;DATABASE=…;UID=… or odbc:DSN=NAME</source>
        <translation>%1 需通过 ODBC 连接：请使用 odbc:DRIVER={…};SERVER=…;DATABASE=…;UID=… 或 odbc:DSN=NAME</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a database locator: %2</source>
        <translation>“%1”不是数据库定位符：%2</translation>
    </message>
    <message>
        <source>use sqlite:PATH, odbc:CONNECTION-STRING (e.g. odbc:DSN=tasks) or postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>请使用 sqlite:PATH、odbc:CONNECTION-STRING（例如 odbc:DSN=tasks）或 postgresql://USER@HOST:PORT/DATABASE</translation>
    </message>
</context>
<context>
    <name>taskdeck::MainWindow</name>
    <message>
        <source>TaskDeck</source>
        <translation>TaskDeck</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open the &amp;demo database</source>
        <translation>打开演示数据库(&amp;D)</translation>
    </message>
    <message>
        <source>Open SQL Server &amp;Agent jobs…</source>
        <translation>打开 SQL Server 代理作业(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Notify when tasks fail</source>
        <translation>任务失败时通知(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TaskDeck</source>
        <translation>关于 TaskDeck(&amp;A)</translation>
    </message>
    <message>
        <source>About TaskDeck</source>
        <translation>关于 TaskDeck</translation>
    </message>
    <message>
        <source>&lt;b&gt;TaskDeck %1&lt;/b&gt;&lt;br&gt;A task queue in the database you already run, and its console.</source>
        <translation>&lt;b&gt;TaskDeck %1&lt;/b&gt;&lt;br&gt;建在你已有数据库中的任务队列，及其控制台。</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>TaskDeck will use the new language the next time it starts.</source>
        <translation>TaskDeck 将在下次启动时使用新的语言。</translation>
    </message>
    <message>
        <source>Tasks failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>%1 (Agent jobs)</source>
        <translation>%1（代理作业）</translation>
    </message>
    <message>
        <source>Open SQL Server Agent jobs</source>
        <translation>打开 SQL Server 代理作业</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>No database is open: File ▸ Open database…, or File ▸ Open the demo database.</source>
        <translation>没有打开的数据库：文件 ▸ 打开数据库…，或 文件 ▸ 打开演示数据库。</translation>
    </message>
    <message>
        <source>Refreshed at %1</source>
        <translation>已于 %1 刷新</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Open a database first</source>
        <translation>请先打开一个数据库</translation>
    </message>
    <message>
        <source>Refresh what is shown</source>
        <translation>刷新当前显示的内容</translation>
    </message>
    <message>
        <source>Search the task list</source>
        <translation>搜索任务列表</translation>
    </message>
    <message>
        <source>Enqueue a task</source>
        <translation>将任务入队</translation>
    </message>
    <message>
        <source>Retry the selected tasks</source>
        <translation>重试所选任务</translation>
    </message>
    <message>
        <source>Delete the selected tasks</source>
        <translation>删除所选任务</translation>
    </message>
    <message>
        <source>Run the selected task now on the local executor</source>
        <translation>在本地执行器上立即运行所选任务</translation>
    </message>
    <message>
        <source>Open a database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Close the database&apos;s tab</source>
        <translation>关闭该数据库的选项卡</translation>
    </message>
    <message>
        <source>&lt;table cellspacing=&quot;6&quot;&gt;%1&lt;/table&gt;&lt;p&gt;The task actions are also in the &lt;b&gt;Task&lt;/b&gt; menu and on the task list&apos;s context menu (right click).&lt;/p&gt;</source>
        <translation>&lt;table cellspacing=&quot;6&quot;&gt;%1&lt;/table&gt;&lt;p&gt;任务操作也在&lt;b&gt;任务&lt;/b&gt;菜单和任务列表的右键菜单中。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n more failed task(s) in %1</source>
        <translation>
            <numerusform>%1 中又有 %n 个任务失败</numerusform>
        </translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Console &amp;guide</source>
        <translation>控制台指南(&amp;G)</translation>
    </message>
</context>
<context>
    <name>taskdeck::MariaDbDialect</name>
    <message>
        <source>cannot configure the MariaDB session (%1): %2</source>
        <translation>无法配置 MariaDB 会话（%1）：%2</translation>
    </message>
    <message>
        <source>cannot take the migration lock: %1</source>
        <translation>无法获取迁移锁：%1</translation>
    </message>
    <message>
        <source>another process has held the migration lock for 60 seconds: wait for its `init` to finish, then try again</source>
        <translation>另一个进程已持有迁移锁 60 秒：请等它的 `init` 完成后再试</translation>
    </message>
</context>
<context>
    <name>taskdeck::OverviewModel</name>
    <message>
        <source>All queues</source>
        <translation>所有队列</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>succeeded (24 h)</source>
        <translation>成功（24 小时）</translation>
    </message>
    <message>
        <source>Click to list these tasks</source>
        <translation>单击以列出这些任务</translation>
    </message>
    <message>
        <source>Succeeded in the last 24 hours, from the statistics (retention may have removed the tasks themselves)</source>
        <translation>过去 24 小时内成功的任务数，来自统计数据（保留策略可能已删除任务本身）</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1（已暂停）</translation>
    </message>
</context>
<context>
    <name>taskdeck::OverviewView</name>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最近一天</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>最近一周</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>tasks/min</source>
        <translation>任务/分钟</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Queue latency (start − run at)</source>
        <translation>队列延迟（开始时间 − 计划运行时间）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Charts over:</source>
        <translation>图表范围：</translation>
    </message>
    <message>
        <source>Pending tasks name handlers that no live worker offers — they will wait until a worker with them starts: %1</source>
        <translation>等待中的任务所需的处理程序没有任何存活的工作进程提供 — 它们会一直等到有提供这些处理程序的工作进程启动：%1</translation>
    </message>
    <message>
        <source>%1 at %2: %3 %4</source>
        <translation>%1（%2）：%3 %4</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>Before %1 the charts show generated demo history.</source>
        <translation>%1 之前的图表显示的是生成的演示历史数据。</translation>
    </message>
    <message>
        <source>Click to list the tasks that failed then</source>
        <translation>点击列出当时失败的任务</translation>
    </message>
</context>
<context>
    <name>taskdeck::PostgresDialect</name>
    <message>
        <source>cannot configure the PostgreSQL session (%1): %2</source>
        <translation>无法配置 PostgreSQL 会话（%1）：%2</translation>
    </message>
    <message>
        <source>cannot take the migration lock: %1</source>
        <translation>无法获取迁移锁：%1</translation>
    </message>
    <message>
        <source>the pg_trgm extension is not installed on %1: install the server&apos;s contrib package (postgresql-contrib) and try again</source>
        <translation>%1 上没有安装 pg_trgm 扩展：请安装服务器的 contrib 软件包（postgresql-contrib）后重试</translation>
    </message>
</context>
<context>
    <name>taskdeck::ProcessHandler</name>
    <message>
        <source>cannot start %1: %2 — check the handler&apos;s program and working directory in the worker configuration</source>
        <translation>无法启动 %1：%2 — 请检查工作进程配置中该处理程序的程序和工作目录</translation>
    </message>
    <message>
        <source>
--- standard error (end) ---
</source>
        <translation>
--- 标准错误（末尾）---
</translation>
    </message>
    <message>
        <source>
--- standard output (end) ---
</source>
        <translation>
--- 标准输出（末尾）---
</translation>
    </message>
    <message>
        <source>%1 was killed by a signal or crashed</source>
        <translation>%1 被信号终止或已崩溃</translation>
    </message>
    <message>
        <source>%1 exited with 65: failed permanently</source>
        <translation>%1 以 65 退出：永久失败</translation>
    </message>
    <message>
        <source>%1 exited with 75: retry later</source>
        <translation>%1 以 75 退出：稍后重试</translation>
    </message>
    <message>
        <source>%1 exited with %2</source>
        <translation>%1 以 %2 退出</translation>
    </message>
    <message>
        <source>stopped %1 and every process it started</source>
        <translation>已停止 %1 及其启动的所有进程</translation>
    </message>
    <message>
        <source>cannot start %1 — check the handler&apos;s program and working directory in the worker configuration</source>
        <translation>无法启动 %1 — 请检查工作进程配置中该处理程序的程序和工作目录</translation>
    </message>
</context>
<context>
    <name>taskdeck::ProcessTree</name>
    <message>
        <source>cannot run process handlers: taskdeck-handler-guard, which ends a handler&apos;s processes with its worker, was not found beside this program, in ../libexec/taskdeck or at %1 — reinstall TaskDeck or set TASKDECK_HANDLER_GUARD to its path</source>
        <translation>无法运行进程处理程序：未在本程序旁、../libexec/taskdeck 或 %1 找到 taskdeck-handler-guard（它负责在工作进程结束时结束处理程序的进程）— 请重新安装 TaskDeck，或将 TASKDECK_HANDLER_GUARD 设为其路径</translation>
    </message>
    <message>
        <source>cannot run process handlers: no pipe could be made to watch the worker (too many open files?)</source>
        <translation>无法运行进程处理程序：无法创建用于监视工作进程的管道（打开的文件过多？）</translation>
    </message>
    <message>
        <source>cannot run process handlers: Windows refused a Job Object to hold the handler&apos;s processes</source>
        <translation>无法运行进程处理程序：Windows 拒绝创建用于容纳处理程序进程的作业对象</translation>
    </message>
</context>
<context>
    <name>taskdeck::QueueListModel</name>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>active</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Max attempts</source>
        <translation>最大尝试次数</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>退避</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>the connection is closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>Double-click to list these tasks</source>
        <translation>双击以列出这些任务</translation>
    </message>
</context>
<context>
    <name>taskdeck::QueueSettingsDialog</name>
    <message>
        <source>Settings of queue %1</source>
        <translation>队列 %1 的设置</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限制</translation>
    </message>
    <message>
        <source>the default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Concurrency &amp;limit (all workers):</source>
        <translation>并发上限（所有工作进程）(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Attempts per task:</source>
        <translation>每个任务的尝试次数(&amp;A)：</translation>
    </message>
    <message>
        <source>Retry backoff &amp;from:</source>
        <translation>重试退避起始(&amp;F)：</translation>
    </message>
    <message>
        <source>Retry backoff &amp;up to:</source>
        <translation>重试退避上限(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Time limit of a run:</source>
        <translation>单次运行时限(&amp;T)：</translation>
    </message>
    <message>
        <source>Durations as 500ms, 30s, 5m, 1h or 2d. Tasks already enqueued keep the attempts they were given; backoff and time limit apply from their next run.</source>
        <translation>时长写作 500ms、30s、5m、1h 或 2d。已入队的任务保留其原有的尝试次数；退避和时限从它们的下一次运行起生效。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Retry backoff from</source>
        <translation>重试退避起始</translation>
    </message>
    <message>
        <source>Retry backoff up to</source>
        <translation>重试退避上限</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Give both ends of the backoff, or neither (the default).</source>
        <translation>请同时给出退避的两端，或都不填（使用默认值）。</translation>
    </message>
    <message>
        <source>The backoff&apos;s upper end is below its start.</source>
        <translation>退避的上限低于其起始值。</translation>
    </message>
    <message>
        <source>A time limit is between 1 second and 7 days.</source>
        <translation>时限在 1 秒到 7 天之间。</translation>
    </message>
</context>
<context>
    <name>taskdeck::QueuesView</name>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Select a queue first.</source>
        <translation>请先选择一个队列。</translation>
    </message>
    <message>
        <source>Pausing queue &apos;%1&apos;…</source>
        <translation>正在暂停队列“%1”…</translation>
    </message>
    <message>
        <source>Resuming queue &apos;%1&apos;…</source>
        <translation>正在恢复队列“%1”…</translation>
    </message>
    <message>
        <source>Queue &apos;%1&apos; was not changed.</source>
        <translation>队列“%1”未作更改。</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Queue &apos;%1&apos; is paused: its tasks wait until it is resumed.</source>
        <translation>队列“%1”已暂停：其任务将等待，直到队列恢复。</translation>
    </message>
    <message>
        <source>Queue &apos;%1&apos; is running again.</source>
        <translation>队列“%1”已恢复运行。</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Concurrency limit, attempts, retry backoff and time limit of the selected queue</source>
        <translation>所选队列的并发上限、尝试次数、重试退避和时限</translation>
    </message>
    <message>
        <source>The settings of queue &apos;%1&apos; were left as they are.</source>
        <translation>队列“%1”的设置保持不变。</translation>
    </message>
    <message>
        <source>The settings of queue &apos;%1&apos; were not changed: %2</source>
        <translation>队列“%1”的设置未更改：%2</translation>
    </message>
    <message>
        <source>The settings of queue &apos;%1&apos; were left as they are: nothing was changed.</source>
        <translation>队列“%1”的设置保持不变：没有任何改动。</translation>
    </message>
    <message>
        <source>The settings of queue &apos;%1&apos; changed (the audit log says from what to what).</source>
        <translation>队列“%1”的设置已更改（审计日志记录了从什么改为什么）。</translation>
    </message>
</context>
<context>
    <name>taskdeck::RunHistoryModel</name>
    <message>
        <source>Attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>taskdeck::ScheduleDialog</name>
    <message>
        <source>Add schedule</source>
        <translation>添加计划</translation>
    </message>
    <message>
        <source>minute hour day-of-month month day-of-week (a sixth field first for seconds), or @hourly, @daily, @weekly, @monthly, @yearly</source>
        <translation>分 时 日 月 星期（秒作为可选的第一个字段），或 @hourly、@daily、@weekly、@monthly、@yearly</translation>
    </message>
    <message>
        <source>run once when a worker is back</source>
        <translation>工作进程恢复后运行一次</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Cron:</source>
        <translation>Cron(&amp;C)：</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>时区(&amp;Z)：</translation>
    </message>
    <message>
        <source>&amp;Handler:</source>
        <translation>处理程序(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Queue:</source>
        <translation>队列(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Payload (JSON):</source>
        <translation>负载（JSON）(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Missed runs:</source>
        <translation>错过的运行(&amp;M)：</translation>
    </message>
    <message>
        <source>Next runs:</source>
        <translation>接下来的运行：</translation>
    </message>
</context>
<context>
    <name>taskdeck::ScheduleListModel</name>
    <message>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <source>%1 (task %2)</source>
        <translation>%1（任务 %2）</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>run once</source>
        <translation>运行一次</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>下次运行</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Missed runs</source>
        <translation>错过的运行</translation>
    </message>
</context>
<context>
    <name>taskdeck::SchedulesView</name>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>禁用(&amp;D)</translation>
    </message>
    <message>
        <source>Run &amp;now</source>
        <translation>立即运行(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>移除(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe…</source>
        <translation>取消订阅(&amp;U)…</translation>
    </message>
    <message>
        <source>Recurring schedules — each occurrence becomes exactly one task, enqueued by whichever worker gets there first:</source>
        <translation>周期计划 — 每个时间点恰好成为一个任务，由最先到达的工作进程入队：</translation>
    </message>
    <message>
        <source>Event subscriptions — publishing an event enqueues one task per subscribed handler, in one transaction:</source>
        <translation>事件订阅 — 发布事件时，在一个事务中为每个订阅的处理程序入队一个任务：</translation>
    </message>
    <message>
        <source>enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disable</source>
        <translation>禁用</translation>
    </message>
    <message>
        <source>run now</source>
        <translation>立即运行</translation>
    </message>
    <message>
        <source>Remove schedule</source>
        <translation>移除计划</translation>
    </message>
    <message>
        <source>Remove schedule &apos;%1&apos;? Tasks it has enqueued stay.</source>
        <translation>移除计划“%1”吗？它已入队的任务保留。</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>取消订阅</translation>
    </message>
    <message>
        <source>Stop enqueuing %1 for every %2?</source>
        <translation>不再在每次 %2 时入队 %1 吗？</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Cannot %1 schedule &apos;%2&apos;: %3</source>
        <translation>无法%1计划“%2”：%3</translation>
    </message>
</context>
<context>
    <name>taskdeck::SqlHandler</name>
    <message>
        <source>cannot prepare the handler&apos;s statement: %1 — check it in the worker configuration</source>
        <translation>无法准备处理程序的语句：%1 — 请在工作进程配置中检查它</translation>
    </message>
    <message>
        <source>the handler&apos;s statement failed: %1</source>
        <translation>处理程序的语句执行失败：%1</translation>
    </message>
</context>
<context>
    <name>taskdeck::SqlServerDialect</name>
    <message>
        <source>cannot configure the SQL Server session (%1): %2</source>
        <translation>无法配置 SQL Server 会话（%1）：%2</translation>
    </message>
    <message>
        <source>cannot take the migration lock: %1</source>
        <translation>无法获取迁移锁：%1</translation>
    </message>
    <message>
        <source>another process has held the migration lock for 60 seconds: wait for its `init` to finish, then try again</source>
        <translation>另一个进程已持有迁移锁 60 秒：请等它的 `init` 完成后再试</translation>
    </message>
</context>
<context>
    <name>taskdeck::SqliteDialect</name>
    <message>
        <source>cannot start a write transaction on the SQLite database: %1 — another process may hold the write lock for longer than the busy timeout</source>
        <translation>无法在 SQLite 数据库上开始写事务：%1 — 可能有另一个进程持有写锁的时间超过了忙等待超时</translation>
    </message>
</context>
<context>
    <name>taskdeck::SubscriptionListModel</name>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskCsvExport</name>
    <message>
        <source>cannot write the export: %1</source>
        <translation>无法写入导出内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>the export was stopped after %n tasks</source>
        <translation>
            <numerusform>导出在 %n 个任务后被停止</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 — %2 was not written</source>
        <translation>%1 — 未写入 %2</translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskFilterBar</name>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>text in payload or error (Ctrl+F)</source>
        <translation>负载或错误中的文本（Ctrl+F）</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近一小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>created before</source>
        <translation>创建于此前</translation>
    </message>
    <message>
        <source>go to task id</source>
        <translation>转到任务编号</translation>
    </message>
    <message>
        <source>Click to remove this part of the filter</source>
        <translation>点击移除这部分筛选条件</translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskListModel</name>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Run at</source>
        <translation>计划运行</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>上次错误</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
</context>
<context>
    <name>taskdeck::TaskStore</name>
    <message>
        <source>look for the TaskDeck schema</source>
        <translation>查找 TaskDeck 数据库结构</translation>
    </message>
    <message>
        <source>read the schema version</source>
        <translation>读取数据库结构版本</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, which needs TaskDeck built for schema %3 or newer; this TaskDeck knows schema %4 — upgrade TaskDeck</source>
        <translation>数据库 %1 的结构版本为 %2，需要为结构 %3 或更新版本构建的 TaskDeck；此 TaskDeck 只认识结构 %4 — 请升级 TaskDeck</translation>
    </message>
    <message>
        <source>the database %1 has no TaskDeck schema — create it with: taskdeckctl --db %1 init</source>
        <translation>数据库 %1 没有 TaskDeck 数据库结构 — 用以下命令创建：taskdeckctl --db %1 init</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2 and this TaskDeck needs %3 — upgrade it with: taskdeckctl --db %1 init</source>
        <translation>数据库 %1 的结构版本为 %2，而此 TaskDeck 需要 %3 — 用以下命令升级：taskdeckctl --db %1 init</translation>
    </message>
    <message>
        <source>cannot apply schema migration %1 (%2): %3</source>
        <translation>无法应用数据库结构迁移 %1（%2）：%3</translation>
    </message>
    <message>
        <source>record schema version %1</source>
        <translation>记录数据库结构版本 %1</translation>
    </message>
    <message>
        <source>cannot prepare a statement on %1: %2 — is the schema damaged? (%3)</source>
        <translation>无法在 %1 上准备语句：%2 — 数据库结构是否已损坏？（%3）</translation>
    </message>
    <message>
        <source>cannot %1 on %2: %3</source>
        <translation>无法在 %2 上%1：%3</translation>
    </message>
    <message>
        <source>%1 is open read-only: its schema version %2 is newer than this TaskDeck understands (%3) — upgrade TaskDeck to change anything</source>
        <translation>%1 以只读方式打开：其数据库结构版本 %2 比此 TaskDeck 能理解的（%3）新 — 请升级 TaskDeck 后再做修改</translation>
    </message>
    <message>
        <source>the transaction was rolled back because a statement in it failed</source>
        <translation>事务中的某条语句失败，事务已回滚</translation>
    </message>
    <message>
        <source>cannot commit on %1: %2 — nothing of this change was saved</source>
        <translation>无法在 %1 上提交：%2 — 此次修改未保存任何内容</translation>
    </message>
    <message>
        <source>record the operator action</source>
        <translation>记录操作员的操作</translation>
    </message>
    <message>
        <source>read queue settings</source>
        <translation>读取队列设置</translation>
    </message>
    <message>
        <source>look up unique key &apos;%1&apos;</source>
        <translation>查找唯一键“%1”</translation>
    </message>
    <message>
        <source>task %1 of the batch: %2</source>
        <translation>批次中的第 %1 个任务：%2</translation>
    </message>
    <message>
        <source>enqueue a task for handler &apos;%1&apos;</source>
        <translation>为处理程序“%1”入队一个任务</translation>
    </message>
    <message>
        <source>read the new task&apos;s id</source>
        <translation>读取新任务的编号</translation>
    </message>
    <message>
        <source>the database did not return the new task&apos;s id</source>
        <translation>数据库没有返回新任务的编号</translation>
    </message>
    <message>
        <source>the task was not inserted and no task holds unique key &apos;%1&apos;: the database returned no id</source>
        <translation>任务未插入，也没有任务持有唯一键“%1”：数据库没有返回编号</translation>
    </message>
    <message>
        <source>notify workers</source>
        <translation>通知工作进程</translation>
    </message>
    <message>
        <source>worker id</source>
        <translation>工作进程编号</translation>
    </message>
    <message>
        <source>a claim takes between 1 and 1000 tasks</source>
        <translation>一次认领的任务数在 1 到 1000 之间</translation>
    </message>
    <message>
        <source>a lease must last at least 100ms</source>
        <translation>租约至少要持续 100ms</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>read queue limits</source>
        <translation>读取队列上限</translation>
    </message>
    <message>
        <source>count running tasks</source>
        <translation>统计运行中的任务</translation>
    </message>
    <message>
        <source>task %1 does not exist (any more): it was deleted</source>
        <translation>任务 %1 （已）不存在：它已被删除</translation>
    </message>
    <message>
        <source>task %1 is already running on %2</source>
        <translation>任务 %1 已在 %2 上运行</translation>
    </message>
    <message>
        <source>task %1 has already succeeded; enqueue a new task to run it again</source>
        <translation>任务 %1 已成功；如需再次运行，请入队一个新任务</translation>
    </message>
    <message>
        <source>make task %1 runnable</source>
        <translation>使任务 %1 可运行</translation>
    </message>
    <message>
        <source>task %1 cannot run now: its queue &apos;%2&apos; is paused or at its concurrency limit</source>
        <translation>任务 %1 现在无法运行：其队列“%2”已暂停或已达到并发上限</translation>
    </message>
    <message>
        <source>id %1 on %2</source>
        <translation>%2 上的编号 %1</translation>
    </message>
    <message>
        <source>claim tasks</source>
        <translation>认领任务</translation>
    </message>
    <message>
        <source>read claimed tasks</source>
        <translation>读取已认领的任务</translation>
    </message>
    <message>
        <source>a worker cannot report a run as lost</source>
        <translation>工作进程不能把一次运行报告为丢失</translation>
    </message>
    <message>
        <source>record the outcome of task %1</source>
        <translation>记录任务 %1 的结果</translation>
    </message>
    <message>
        <source>record the run of task %1</source>
        <translation>记录任务 %1 的运行</translation>
    </message>
    <message>
        <source>update the statistics</source>
        <translation>更新统计</translation>
    </message>
    <message>
        <source>extend leases</source>
        <translation>延长租约</translation>
    </message>
    <message>
        <source>read lease states</source>
        <translation>读取租约状态</translation>
    </message>
    <message>
        <source>look for expired leases</source>
        <translation>查找已过期的租约</translation>
    </message>
    <message>
        <source>lease expired: worker %1 stopped renewing it (it crashed, hung or lost its connection)</source>
        <translation>租约已过期：工作进程 %1 停止了续约（它崩溃、挂起或失去了连接）</translation>
    </message>
    <message>
        <source>rescue task %1</source>
        <translation>救回任务 %1</translation>
    </message>
    <message>
        <source>record the lost run of task %1</source>
        <translation>记录任务 %1 丢失的运行</translation>
    </message>
    <message>
        <source>select tasks</source>
        <translation>选择任务</translation>
    </message>
    <message>
        <source>stopped after %1 of %2 ids; %3</source>
        <translation>在 %1 个编号后停止（共 %2 个）；%3</translation>
    </message>
    <message>
        <source>retry tasks</source>
        <translation>重试任务</translation>
    </message>
    <message>
        <source>delete tasks</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>cancelled by %1</source>
        <translation>被 %1 取消</translation>
    </message>
    <message>
        <source>cancel tasks</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>request cancellation of running tasks</source>
        <translation>请求取消运行中的任务</translation>
    </message>
    <message>
        <source>no task has the unique key &apos;%1&apos;</source>
        <translation>没有任务带有唯一键“%1”</translation>
    </message>
    <message>
        <source>unique key %1</source>
        <translation>唯一键 %1</translation>
    </message>
    <message>
        <source>create the settings of queue %1</source>
        <translation>创建队列 %1 的设置</translation>
    </message>
    <message>
        <source>pause queue %1</source>
        <translation>暂停队列 %1</translation>
    </message>
    <message>
        <source>resume queue %1</source>
        <translation>恢复队列 %1</translation>
    </message>
    <message>
        <source>a concurrency limit is between 1 and 100000 (0 removes it)</source>
        <translation>并发上限在 1 到 100000 之间（0 表示取消）</translation>
    </message>
    <message>
        <source>max attempts is between 1 and 1000 (0 removes it)</source>
        <translation>最大尝试次数在 1 到 1000 之间（0 表示取消）</translation>
    </message>
    <message>
        <source>a backoff is BASE:MAX with 0 ≤ BASE ≤ MAX, e.g. 1s:1h (0:0 removes it)</source>
        <translation>退避的形式为 BASE:MAX，且 0 ≤ BASE ≤ MAX，例如 1s:1h（0:0 表示取消）</translation>
    </message>
    <message>
        <source>a timeout is between 1 second and 7 days (0 removes it)</source>
        <translation>超时在 1 秒到 7 天之间（0 表示取消）</translation>
    </message>
    <message>
        <source>change the settings of queue %1</source>
        <translation>修改队列 %1 的设置</translation>
    </message>
    <message>
        <source>register worker %1</source>
        <translation>注册工作进程 %1</translation>
    </message>
    <message>
        <source>record the heartbeat of worker %1</source>
        <translation>记录工作进程 %1 的心跳</translation>
    </message>
    <message>
        <source>unregister worker %1</source>
        <translation>注销工作进程 %1</translation>
    </message>
    <message>
        <source>remove silent workers</source>
        <translation>移除无响应的工作进程</translation>
    </message>
    <message>
        <source>read workers</source>
        <translation>读取工作进程</translation>
    </message>
    <message>
        <source>read the handlers of pending tasks</source>
        <translation>读取等待中任务的处理程序</translation>
    </message>
    <message>
        <source>read the oldest runnable tasks</source>
        <translation>读取最早的可运行任务</translation>
    </message>
    <message>
        <source>record the progress of task %1</source>
        <translation>记录任务 %1 的进度</translation>
    </message>
    <message>
        <source>hand back task %1</source>
        <translation>交还任务 %1</translation>
    </message>
    <message>
        <source>read task %1</source>
        <translation>读取任务 %1</translation>
    </message>
    <message>
        <source>read the runs of task %1</source>
        <translation>读取任务 %1 的运行记录</translation>
    </message>
    <message>
        <source>a page holds between 1 and 10000 tasks</source>
        <translation>每页的任务数在 1 到 10000 之间</translation>
    </message>
    <message>
        <source>list tasks</source>
        <translation>列出任务</translation>
    </message>
    <message>
        <source>count tasks</source>
        <translation>统计任务数</translation>
    </message>
    <message>
        <source>read statistics</source>
        <translation>读取统计</translation>
    </message>
    <message>
        <source>read the database clock</source>
        <translation>读取数据库时钟</translation>
    </message>
    <message>
        <source>the database returned no time</source>
        <translation>数据库没有返回时间</translation>
    </message>
    <message>
        <source>read the schedules</source>
        <translation>读取计划</translation>
    </message>
    <message>
        <source>a schedule named &apos;%1&apos; exists already: remove it first, or pick another name</source>
        <translation>名为“%1”的计划已存在：请先移除它，或换一个名称</translation>
    </message>
    <message>
        <source>add schedule &apos;%1&apos;</source>
        <translation>添加计划“%1”</translation>
    </message>
    <message>
        <source>schedule &apos;%1&apos; was not found after adding it</source>
        <translation>添加后找不到计划“%1”</translation>
    </message>
    <message>
        <source>there is no schedule named &apos;%1&apos; (see `schedule list`)</source>
        <translation>没有名为“%1”的计划（参见 `schedule list`）</translation>
    </message>
    <message>
        <source>enable schedule &apos;%1&apos;</source>
        <translation>启用计划“%1”</translation>
    </message>
    <message>
        <source>disable schedule &apos;%1&apos;</source>
        <translation>禁用计划“%1”</translation>
    </message>
    <message>
        <source>schedule &apos;%1&apos; was removed meanwhile</source>
        <translation>计划“%1”在此期间已被移除</translation>
    </message>
    <message>
        <source>remove schedule &apos;%1&apos;</source>
        <translation>移除计划“%1”</translation>
    </message>
    <message>
        <source>record the task of schedule &apos;%1&apos;</source>
        <translation>记录计划“%1”的任务</translation>
    </message>
    <message>
        <source>%1: task %2</source>
        <translation>%1：任务 %2</translation>
    </message>
    <message>
        <source>schedule &apos;%1&apos;: %2</source>
        <translation>计划“%1”：%2</translation>
    </message>
    <message>
        <source>advance schedule &apos;%1&apos;</source>
        <translation>推进计划“%1”</translation>
    </message>
    <message>
        <source>read the next schedule time</source>
        <translation>读取计划的下次时间</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>replace the subscription</source>
        <translation>替换订阅</translation>
    </message>
    <message>
        <source>subscribe &apos;%1&apos; to event &apos;%2&apos;</source>
        <translation>让“%1”订阅事件“%2”</translation>
    </message>
    <message>
        <source>unsubscribe &apos;%1&apos; from event &apos;%2&apos;</source>
        <translation>取消“%1”对事件“%2”的订阅</translation>
    </message>
    <message>
        <source>handler &apos;%1&apos; is not subscribed to event &apos;%2&apos; (see `subscriptions`)</source>
        <translation>处理程序“%1”没有订阅事件“%2”（参见 `subscriptions`）</translation>
    </message>
    <message>
        <source>read the subscriptions</source>
        <translation>读取订阅</translation>
    </message>
    <message>
        <source>read the settings</source>
        <translation>读取设置</translation>
    </message>
    <message>
        <source>replace setting %1</source>
        <translation>替换设置 %1</translation>
    </message>
    <message>
        <source>write setting %1</source>
        <translation>写入设置 %1</translation>
    </message>
    <message>
        <source>retention ages must not be negative</source>
        <translation>保留时长不能为负</translation>
    </message>
    <message>
        <source>per-minute statistics must be kept for at least a day (the overview&apos;s charts use them)</source>
        <translation>按分钟的统计至少要保留一天（概览的图表要用到它们）</translation>
    </message>
    <message>
        <source>hourly statistics must be kept at least as long as per-minute ones</source>
        <translation>按小时的统计保留时间不能短于按分钟的统计</translation>
    </message>
    <message>
        <source>find rows to prune</source>
        <translation>查找要清理的行</translation>
    </message>
    <message>
        <source>prune %1 rows</source>
        <translation>清理 %1 行</translation>
    </message>
    <message>
        <source>take the maintenance turn</source>
        <translation>获取维护轮次</translation>
    </message>
    <message>
        <source>find statistics to roll up</source>
        <translation>查找要汇总的统计</translation>
    </message>
    <message>
        <source>remove old statistics</source>
        <translation>移除旧统计</translation>
    </message>
    <message>
        <source>record the maintenance pass</source>
        <translation>记录本次维护</translation>
    </message>
    <message>
        <source>hand back the maintenance turn</source>
        <translation>交还维护轮次</translation>
    </message>
    <message>
        <source>task %1 is gone: nothing to replace</source>
        <translation>任务 %1 已不存在：没有可替换的内容</translation>
    </message>
    <message>
        <source>task %1 is running on %2: cancel it first, then edit it</source>
        <translation>任务 %1 正在 %2 上运行：请先取消它，再编辑</translation>
    </message>
    <message>
        <source>remove task %1</source>
        <translation>移除任务 %1</translation>
    </message>
    <message>
        <source>task %1 replaced by task %2 (handler %3, queue %4)</source>
        <translation>任务 %1 已被任务 %2 替换（处理程序 %3，队列 %4）</translation>
    </message>
    <message>
        <source>read the audit log</source>
        <translation>读取审计日志</translation>
    </message>
    <message>
        <source>prepare a statement</source>
        <translation>准备语句</translation>
    </message>
    <message>
        <source>this account</source>
        <translation>此账户</translation>
    </message>
    <message>
        <source>%1 does not allow %2 to %3 (%4) — the account needs a TaskDeck role that allows it: taskdeck_operator changes tasks, queues and schedules, taskdeck_worker runs tasks (roles.sql in share/taskdeck/sql)</source>
        <translation>%1 不允许 %2 %3（%4）— 该账户需要允许此操作的 TaskDeck 角色：taskdeck_operator 可修改任务、队列和计划，taskdeck_worker 可运行任务（见 share/taskdeck/sql 中的 roles.sql）</translation>
    </message>
    <message>
        <source>%1 may not change tasks in %2</source>
        <translation>%1 无权修改 %2 中的任务</translation>
    </message>
    <message>
        <source>record the outcome of %1 tasks</source>
        <translation>记录 %1 个任务的结果</translation>
    </message>
    <message>
        <source>record the runs of %1 tasks</source>
        <translation>记录 %1 个任务的运行</translation>
    </message>
    <message>
        <source>read the highest task id</source>
        <translation>读取最大的任务 ID</translation>
    </message>
    <message>
        <source>the database did not return the highest task id</source>
        <translation>数据库没有返回最大的任务 ID</translation>
    </message>
    <message>
        <source>enqueue a batch of %1 tasks</source>
        <translation>批量入队 %1 个任务</translation>
    </message>
    <message>
        <source>the database answered the enqueue with a task index out of range (%1)</source>
        <translation>数据库对入队的应答中任务序号超出范围（%1）</translation>
    </message>
    <message>
        <source>task %1 of the batch was not inserted and no task holds unique key &apos;%2&apos;: the database returned no id</source>
        <translation>批次中的第 %1 个任务未被插入，且没有任务持有唯一键“%2”：数据库没有返回 ID</translation>
    </message>
    <message>
        <source>statistics are summed over whole minutes</source>
        <translation>统计数据按整分钟汇总</translation>
    </message>
    <message>
        <source>refresh the query planner&apos;s statistics</source>
        <translation>刷新查询规划器的统计信息</translation>
    </message>
    <message>
        <source>the database returned %1 ids for a batch of %2 tasks</source>
        <translation>对于 %2 个任务的批次，数据库返回了 %1 个 ID</translation>
    </message>
    <message>
        <source>check when the query planner&apos;s statistics were refreshed</source>
        <translation>检查查询规划器的统计信息上次刷新的时间</translation>
    </message>
    <message>
        <source>record the refresh of the query planner&apos;s statistics</source>
        <translation>记录查询规划器统计信息的刷新</translation>
    </message>
    <message>
        <source>look for the search index</source>
        <translation>查找搜索索引</translation>
    </message>
    <message>
        <source>%1 has no index for literal text search: searches read the tasks table there</source>
        <translation>%1 没有用于字面文本搜索的索引：在那里搜索会读取整个任务表</translation>
    </message>
    <message>
        <source>the search index is built outside any transaction: commit or roll back first</source>
        <translation>搜索索引须在事务之外建立：请先提交或回滚</translation>
    </message>
    <message>
        <source>%1 does not allow %2 to %3 (%4) — the search index is built by the account that owns the TaskDeck schema (the one that ran taskdeckctl init)</source>
        <translation>%1 不允许 %2 %3（%4）— 搜索索引须由拥有 TaskDeck 数据库结构的账户建立（即运行 taskdeckctl init 的账户）</translation>
    </message>
    <message>
        <source>the search index is already in place</source>
        <translation>搜索索引已存在</translation>
    </message>
    <message>
        <source>there is no search index</source>
        <translation>没有搜索索引</translation>
    </message>
    <message>
        <source>removing the search index…</source>
        <translation>正在移除搜索索引…</translation>
    </message>
    <message>
        <source>remove the search index</source>
        <translation>移除搜索索引</translation>
    </message>
    <message>
        <source>find the trigram operator classes</source>
        <translation>查找三元组运算符类</translation>
    </message>
    <message>
        <source>search index: step %1 of %2…</source>
        <translation>搜索索引：第 %1 步，共 %2 步…</translation>
    </message>
    <message>
        <source>build the search index</source>
        <translation>建立搜索索引</translation>
    </message>
    <message>
        <source>remove per-minute statistics</source>
        <translation>移除按分钟的统计</translation>
    </message>
    <message>
        <source>fold the task counts</source>
        <translation>合并任务计数</translation>
    </message>
    <message>
        <source>the database answered the enqueue with a task id out of range (%1)</source>
        <translation>数据库对入队的应答中任务 id 超出范围（%1）</translation>
    </message>
    <message>
        <source>read the queues of unfinished tasks</source>
        <translation>读取未完成任务的队列</translation>
    </message>
    <message>
        <source>read the handlers of unfinished tasks</source>
        <translation>读取未完成任务的处理程序</translation>
    </message>
    <message>
        <source>a statistics row must start at a whole minute</source>
        <translation>统计行必须从整分钟开始</translation>
    </message>
    <message>
        <source>add generated statistics</source>
        <translation>添加生成的统计数据</translation>
    </message>
    <message>
        <source>there is no task %1</source>
        <translation>没有任务 %1</translation>
    </message>
    <message>
        <source>It failed for good: all %1 attempts were used.</source>
        <translation>它已最终失败：%1 次尝试已全部用完。</translation>
    </message>
    <message>
        <source>It failed for good after attempt %1 of %2: its handler said a retry would not help.</source>
        <translation>它在第 %1 次尝试（共 %2 次）后最终失败：其处理程序表示重试无济于事。</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>上次错误：%1</translation>
    </message>
    <message>
        <source>Retry it to run it again.</source>
        <translation>重试即可再次运行它。</translation>
    </message>
    <message>
        <source>It was cancelled%1. Retry it to run it again.</source>
        <translation>它已被取消%1。重试即可再次运行它。</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation>（于 %1）</translation>
    </message>
    <message>
        <source>It has run: it succeeded%1 on attempt %2.</source>
        <translation>它已运行：在第 %2 次尝试时成功%1。</translation>
    </message>
    <message>
        <source>It is scheduled for %1, in %2.</source>
        <translation>它计划于 %1 运行，还有 %2。</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 failed; it waits for its retry backoff until %3, in %4.</source>
        <translation>第 %1 次尝试（共 %2 次）失败；它在等待重试退避，直到 %3，还有 %4。</translation>
    </message>
    <message>
        <source>Its queue &apos;%1&apos; is paused%2: no worker claims from it until it is resumed.</source>
        <translation>它的队列“%1”已暂停%2：在恢复之前没有工作进程会从中领取任务。</translation>
    </message>
    <message>
        <source>Its queue &apos;%1&apos; is at its concurrency limit: %2 running of %3 allowed across all workers.</source>
        <translation>它的队列“%1”已达并发上限：所有工作进程共运行 %2 个，上限 %3 个。</translation>
    </message>
    <message>
        <source>%1 on %2 (queues %3; handlers %4)</source>
        <translation>%2 上的 %1（队列 %3；处理程序 %4）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>No worker is running: start one (taskdeckctl worker, or the console&apos;s local executor) that offers handler &apos;%1&apos; for queue &apos;%2&apos;.</source>
        <translation>没有工作进程在运行：请启动一个为队列“%2”提供处理程序“%1”的工作进程（taskdeckctl worker，或控制台的本地执行器）。</translation>
    </message>
    <message>
        <source>No live worker takes queue &apos;%1&apos; with handler &apos;%2&apos;. The live workers: %3.</source>
        <translation>没有在线工作进程以处理程序“%2”处理队列“%1”。在线工作进程：%3。</translation>
    </message>
    <message>
        <source>at the queue&apos;s pace of the last ten minutes (%1 runs a minute), about %2</source>
        <translation>按该队列最近十分钟的速度（每分钟 %1 次运行），约需 %2</translation>
    </message>
    <message>
        <source>the queue ran nothing in the last ten minutes, so no wait can be estimated</source>
        <translation>该队列最近十分钟没有运行任何任务，因此无法估计等待时间</translation>
    </message>
    <message numerus="yes">
        <source>%n runnable task(s) of higher or equal priority in queue &apos;%1&apos; go first; %2.</source>
        <translation>
            <numerusform>队列“%1”中有 %n 个优先级更高或相同的可运行任务排在前面；%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>It is runnable now and next in its queue: a worker takes it at its next claim (within its poll interval, at once where the database notifies workers).</source>
        <translation>它现在可运行，且在队列中排在下一个：工作进程会在下次领取时取走它（在其轮询间隔内；数据库会通知工作进程时则立即取走）。</translation>
    </message>
    <message>
        <source>whose last heartbeat was %1 ago</source>
        <translation>其最后一次心跳在 %1 之前</translation>
    </message>
    <message>
        <source>which is no longer registered</source>
        <translation>它已不再注册</translation>
    </message>
    <message>
        <source>It is held by worker %1, %2. Its lease %3 %4: then any worker&apos;s rescue pass returns it to the queue (attempt %5 of %6 counts as lost).</source>
        <translation>它由工作进程 %1 持有，%2。其租约%3 %4 到期：届时任一工作进程的救援都会把它放回队列（第 %5 次尝试，共 %6 次，记为丢失）。</translation>
    </message>
    <message>
        <source>ran out at</source>
        <translation>已于</translation>
    </message>
    <message>
        <source>runs out at</source>
        <translation>将于</translation>
    </message>
    <message>
        <source>Cancellation was requested: its worker stops the handler at its next heartbeat (the handler may finish first).</source>
        <translation>已请求取消：其工作进程会在下次心跳时停止处理程序（处理程序可能先完成）。</translation>
    </message>
    <message>
        <source>It is running on %1 since %2 (attempt %3 of %4%5); its lease runs until %6.</source>
        <translation>它自 %2 起在 %1 上运行（第 %3 次尝试，共 %4 次%5）；其租约持续到 %6。</translation>
    </message>
    <message>
        <source>, %1% done</source>
        <translation>，已完成 %1%</translation>
    </message>
    <message>
        <source>by %1 at %2</source>
        <translation>由 %1 于 %2 暂停</translation>
    </message>
    <message>
        <source>count the tasks ahead of task %1</source>
        <translation>统计排在任务 %1 之前的任务</translation>
    </message>
    <message>
        <source>More than %L1 runnable tasks of higher or equal priority in queue &apos;%2&apos; go first.</source>
        <translation>队列“%2”中有超过 %L1 个优先级更高或相同的可运行任务排在前面。</translation>
    </message>
</context>
<context>
    <name>taskdeck::TasksView</name>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>state %1</source>
        <translation>状态 %1</translation>
    </message>
    <message>
        <source>queue %1</source>
        <translation>队列 %1</translation>
    </message>
    <message>
        <source>handler %1</source>
        <translation>处理程序 %1</translation>
    </message>
    <message>
        <source>containing &quot;%1&quot;</source>
        <translation>包含“%1”</translation>
    </message>
    <message>
        <source>created from %1</source>
        <translation>创建于 %1 之后</translation>
    </message>
    <message>
        <source>created before %1</source>
        <translation>创建于 %1 之前</translation>
    </message>
    <message>
        <source>every task</source>
        <translation>所有任务</translation>
    </message>
    <message>
        <source>Select a task to see its details.</source>
        <translation>选择一个任务以查看其详情。</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source>Error, progress and result</source>
        <translation>错误、进度和结果</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Enqueue…</source>
        <translation>入队…</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>立即运行</translation>
    </message>
    <message>
        <source>Edit payload and re-enqueue…</source>
        <translation>编辑负载并重新入队…</translation>
    </message>
    <message>
        <source>Edit payload and re-enqueue task %1</source>
        <translation>编辑负载并重新入队任务 %1</translation>
    </message>
    <message>
        <source>%1 all matching the filter…</source>
        <translation>%1所有匹配筛选条件的任务…</translation>
    </message>
    <message>
        <source>All matching</source>
        <translation>所有匹配项</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the filtered tasks</source>
        <translation>导出筛选出的任务</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot load tasks: %1</source>
        <translation>无法加载任务：%1</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Cannot read task %1: %2</source>
        <translation>无法读取任务 %1：%2</translation>
    </message>
    <message>
        <source>Task %1 does not exist (any more).</source>
        <translation>任务 %1 （已）不存在。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Task %1&lt;/b&gt; — %2 in queue &lt;b&gt;%3&lt;/b&gt;, handler &lt;b&gt;%4&lt;/b&gt;, attempt %5 of %6, priority %7</source>
        <translation>&lt;b&gt;任务 %1&lt;/b&gt; — %2，队列 &lt;b&gt;%3&lt;/b&gt;，处理程序 &lt;b&gt;%4&lt;/b&gt;，第 %5 次尝试（共 %6 次），优先级 %7</translation>
    </message>
    <message>
        <source>&lt;br&gt;created %1, run at %2</source>
        <translation>&lt;br&gt;创建于 %1，计划运行于 %2</translation>
    </message>
    <message>
        <source>, unique key %1</source>
        <translation>，唯一键 %1</translation>
    </message>
    <message>
        <source>&lt;br&gt;held by %1 until %2</source>
        <translation>&lt;br&gt;由 %1 持有，直到 %2</translation>
    </message>
    <message>
        <source>Last error:
%1</source>
        <translation>上次错误：
%1</translation>
    </message>
    <message>
        <source>Progress: %1% %2</source>
        <translation>进度：%1% %2</translation>
    </message>
    <message>
        <source>Result:
%1</source>
        <translation>结果：
%1</translation>
    </message>
    <message>
        <source>%1 task %2?</source>
        <translation>%1任务 %2？</translation>
    </message>
    <message>
        <source>%1 the %2 selected tasks?</source>
        <translation>%1选中的 %2 个任务？</translation>
    </message>
    <message>
        <source>%1 selected in the console</source>
        <translation>在控制台中选中的 %1</translation>
    </message>
    <message>
        <source>Counting the tasks that match…</source>
        <translation>正在统计匹配的任务…</translation>
    </message>
    <message>
        <source>No task matches: %1.</source>
        <translation>没有匹配的任务：%1。</translation>
    </message>
    <message>
        <source>by filter in the console: %1</source>
        <translation>在控制台中按条件执行：%1</translation>
    </message>
    <message>
        <source>%1: 0 of %2 tasks</source>
        <translation>%1：0 / %2 个任务</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation>已完成 %1 / %2 个任务</translation>
    </message>
    <message>
        <source>Enqueue</source>
        <translation>入队</translation>
    </message>
    <message>
        <source>Enqueued task %1.</source>
        <translation>已入队任务 %1。</translation>
    </message>
    <message>
        <source>A task with that unique key exists already: %1.</source>
        <translation>已有任务使用该唯一键：%1。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exporting… %1 rows</source>
        <translation>正在导出… %1 行</translation>
    </message>
    <message numerus="yes">
        <source>Retried %Ln task(s).</source>
        <translation>
            <numerusform>已重试 %Ln 个任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled %Ln task(s) (running ones stop at their next check).</source>
        <translation>
            <numerusform>已取消 %Ln 个任务（运行中的任务会在下一次检查时停止）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %Ln task(s).</source>
        <translation>
            <numerusform>已删除 %Ln 个任务。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry applies to failed and cancelled tasks; none of the selected ones is.</source>
        <translation>重试仅适用于失败和已取消的任务；所选任务都不是。</translation>
    </message>
    <message>
        <source>Cancel applies to waiting and running tasks; none of the selected ones is.</source>
        <translation>取消仅适用于等待中和运行中的任务；所选任务都不是。</translation>
    </message>
    <message>
        <source>Asking the local executor to run task %1…</source>
        <translation>正在请求本地执行器运行任务 %1…</translation>
    </message>
    <message>
        <source>Task %1 did not run: %2.</source>
        <translation>任务 %1 未运行：%2。</translation>
    </message>
    <message>
        <source>Task %1 is running on the local executor.</source>
        <translation>任务 %1 正在本地执行器上运行。</translation>
    </message>
    <message>
        <source>The local executor is not running: start it on the Local executor tab.</source>
        <translation>本地执行器未运行：请在“本地执行器”选项卡中启动它。</translation>
    </message>
    <message>
        <source>The local executor has no handler &apos;%1&apos; (it has: %2).</source>
        <translation>本地执行器没有处理程序“%1”（它有：%2）。</translation>
    </message>
    <message>
        <source>Select the tasks to act on.</source>
        <translation>请选择要操作的任务。</translation>
    </message>
    <message>
        <source>Select a task to edit its payload.</source>
        <translation>请选择一个任务以编辑其数据。</translation>
    </message>
    <message>
        <source>No task matches the filter.</source>
        <translation>没有任务符合筛选条件。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) loaded; scroll for more</source>
        <translation>
            <numerusform>已加载 %Ln 个任务；滚动以加载更多</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation>未选择任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>(%Ln other selected task(s) it does not apply to stay as they are.)</source>
        <translation>
            <numerusform>（不适用的其他 %Ln 个所选任务保持原样。）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1 stopped after %2 of %3 tasks: %4 The rest are as they were.</source>
        <translation>%1 在 %3 个任务中的第 %2 个之后停止：%4 其余任务保持原样。</translation>
    </message>
    <message>
        <source>%1 The other %2 of the %3 confirmed had changed state meanwhile.</source>
        <translation>%1 已确认的 %3 个任务中，其余 %2 个在此期间已改变状态。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln task(s) to %1.</source>
        <translation>
            <numerusform>已将 %Ln 个任务导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select one task to run it on the local executor.</source>
        <translation>选择一个任务，以在本地执行器上运行它。</translation>
    </message>
    <message>
        <source>Task %1 is %2: run now applies to waiting, failed and cancelled tasks.</source>
        <translation>任务 %1 处于“%2”状态：立即运行仅适用于等待中、失败和已取消的任务。</translation>
    </message>
    <message numerus="yes">
        <source>%1 all %Ln task(s) matching %2?</source>
        <translation>
            <numerusform>%1 符合 %2 的全部 %Ln 个任务？</numerusform>
        </translation>
    </message>
    <message>
        <source>The list sorts by ID, priority, run at or created time only.</source>
        <translation>列表只能按 ID、优先级、运行时间或创建时间排序。</translation>
    </message>
    <message>
        <source>more than %L1 tasks match</source>
        <translation>超过 %L1 个任务匹配</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) match</source>
        <translation>
            <numerusform>%Ln 个任务匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>0 shown: %1 “%2” in all states, queues and handlers. &lt;a href=&quot;clear&quot;&gt;Clear the other filters&lt;/a&gt;</source>
        <translation>显示 0 个：在所有状态、队列和处理程序中有 %1“%2”。&lt;a href=&quot;clear&quot;&gt;清除其他筛选条件&lt;/a&gt;</translation>
    </message>
    <message>
        <source>run by %1</source>
        <translation>由 %1 运行</translation>
    </message>
    <message>
        <source>failed between %1 and %2</source>
        <translation>在 %1 与 %2 之间失败</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;原因：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>taskdeck::WorkerConfig</name>
    <message>
        <source>cannot read the worker configuration %1: %2</source>
        <translation>无法读取工作进程配置 %1：%2</translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation>不是有效的 JSON：%1</translation>
    </message>
    <message>
        <source>the configuration must be a JSON object</source>
        <translation>配置必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>the configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>the database locator contains a password: move it to the file named by &quot;password_file&quot;</source>
        <translation>数据库定位符中包含密码：请把密码移到 &quot;password_file&quot; 指定的文件中</translation>
    </message>
    <message>
        <source>worker name</source>
        <translation>工作进程名称</translation>
    </message>
    <message>
        <source>&apos;concurrency&apos; is a number from 1 to 1000</source>
        <translation>“concurrency”是 1 到 1000 之间的数字</translation>
    </message>
    <message>
        <source>the heartbeat must be at most half the lease, so that a lease is renewed before it runs out</source>
        <translation>心跳间隔至多为租约的一半，以便租约在到期前得到续约</translation>
    </message>
    <message>
        <source>&quot;handlers&quot; must name at least one handler, e.g. {&quot;noop&quot;: {&quot;type&quot;: &quot;builtin&quot;}}</source>
        <translation>&quot;handlers&quot; 必须至少指定一个处理程序，例如 {&quot;noop&quot;: {&quot;type&quot;: &quot;builtin&quot;}}</translation>
    </message>
    <message>
        <source>handler name</source>
        <translation>处理程序名称</translation>
    </message>
    <message>
        <source>&quot;on_failed&quot; needs &quot;program&quot;</source>
        <translation>&quot;on_failed&quot; 需要 &quot;program&quot;</translation>
    </message>
    <message>
        <source>&apos;record_successful_runs&apos; is true or false</source>
        <translation>“record_successful_runs”只能是 true 或 false</translation>
    </message>
    <message>
        <source>cannot read the password file %1: %2 — check that it exists and that this user may read it</source>
        <translation>无法读取密码文件 %1：%2 — 请检查文件是否存在以及此用户是否可读</translation>
    </message>
</context>
<context>
    <name>taskdeck::WorkerListModel</name>
    <message>
        <source>stale (silent for %1)</source>
        <translation>无响应（已沉默 %1）</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>live</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Handlers</source>
        <translation>处理程序</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>上次心跳</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <source>Double-click to list the tasks this worker is running</source>
        <translation>双击列出此工作进程正在运行的任务</translation>
    </message>
</context>
<context>
    <name>taskdeck::WorkersView</name>
    <message>
        <source>Select a worker to see what it is running.</source>
        <translation>选择一个工作进程以查看它正在运行的任务。</translation>
    </message>
    <message>
        <source>Running on %1 (%2, process %3) now:</source>
        <translation>当前在 %1（%2，进程 %3）上运行：</translation>
    </message>
</context>
<context>
    <name>taskdeck::demo</name>
    <message>
        <source>stopped before it finished</source>
        <translation>在完成前被停止</translation>
    </message>
    <message>
        <source>SMTP server answered 451 4.7.1: try again later</source>
        <translation>SMTP 服务器返回 451 4.7.1：请稍后再试</translation>
    </message>
    <message>
        <source>summing orders</source>
        <translation>正在汇总订单</translation>
    </message>
    <message>
        <source>report template &apos;monthly&apos; not found in /srv/reports/templates</source>
        <translation>在 /srv/reports/templates 中找不到报表模板“monthly”</translation>
    </message>
    <message>
        <source>writing rows</source>
        <translation>正在写入行</translation>
    </message>
</context>
</TS>
