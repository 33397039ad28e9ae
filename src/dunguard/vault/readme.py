"""The plain-Chinese README.txt that travels inside every export bundle."""

from __future__ import annotations

from typing import Any

_TEMPLATE = """\
催收盾（dunguard）证据包
========================

案件：{case}
导出时间（UTC）：{time}

这个压缩包里有：从手机导出的原始备份文件（原件，未作任何改动），从原件中整理出的
短信、彩信和通话记录，以及每一次导入、分析和导出的操作日志。


一、只用 sha256sum 检查（不需要安装催收盾）

  1. 解压这个 zip 文件，进入解压出来的文件夹。
  2. 运行：
         sha256sum -c SHA256SUMS
     （苹果电脑上用：shasum -a 256 -c SHA256SUMS；
       Windows 上可以用 PowerShell 的 Get-FileHash 逐个对照 SHA256SUMS 里的值。）
  3. 每一行都显示 OK（中文系统可能显示“成功”），就说明包里的每个文件都和导出时
     一模一样。哪怕只改动了一个字节，对应的那一行也会显示 FAILED（失败）。


二、用催收盾完整检查

  运行：
         dunguard verify 这个证据包.zip

  除了核对每个文件的 SHA-256，它还会重新计算每条记录的哈希、操作日志的根哈希
  （Merkle 树，按 RFC 6962 计算）和每条日志的包含证明，并核对原件、记录和日志
  登记的是否一致。全部一致时显示“完好”；否则逐项列出哪个文件、哪条记录或哪条
  日志被改动过。


三、包里有什么

  originals/      原件（手机导出的备份文件），按 SHA-256 分文件夹存放
  attachments/    彩信图片等附件，文件名就是它的 SHA-256
  records/        整理出的记录：messages.csv、calls.csv 可以用 Excel 打开（北京时间）；
                  messages.jsonl、calls.jsonl 是完整的机器可读版本
  log/            操作日志：events.jsonl（每条日志及其包含证明）、
                  checkpoints.jsonl（历次日志根哈希及一致性证明）、tree_head.json（根哈希）
  manifest.json   每个文件的 SHA-256、软件版本，以及每个原件何时、从哪里导入（保管链）
  SHA256SUMS      全部文件的 SHA-256 清单（上面第一步用的就是它）


四、日志根哈希

  日志共 {size} 条，根哈希：
  {root}

  可以把这一行另外保存一份（例如发给自己或律师、打印出来）。以后只要拿出同一个根哈希，
  就能证明这份日志在导出之后没有被改写过。
"""


def readme_text(case: str, time: str, head: dict[str, Any]) -> str:
    return _TEMPLATE.format(case=case, time=time, size=head["size"], root=head["root"])
