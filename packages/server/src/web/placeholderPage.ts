import type { Feature } from '../app/routeTypes.js';

/**
 * A placeholder home page until the web app arrives: what Stratum is, the live health status, and the API
 * docs. zh-CN first with an English toggle; no external assets, so it works offline.
 */
export const webFeature: Feature = {
  name: 'web',
  prefix: '',
  register(app) {
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(PAGE),
    );
  },
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stratum · 战略客户分级管理</title>
<style>
  :root { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2937; }
  body { margin: 0; background: #f5f7fa; }
  main { max-width: 720px; margin: 48px auto; padding: 32px; background: #fff; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { margin-top: 0; font-size: 28px; } h1 small { color: #6b7280; font-size: 16px; font-weight: normal; }
  .badge { display: inline-block; padding: 2px 8px; border-radius: 4px; background: #fef3c7; color: #92400e; font-size: 13px; }
  .status { padding: 12px 16px; border-radius: 6px; background: #f3f4f6; margin: 20px 0; }
  .ok { color: #047857; } .bad { color: #b91c1c; }
  button { float: right; border: 1px solid #d1d5db; background: #fff; border-radius: 4px; padding: 4px 10px; cursor: pointer; }
  a { color: #2563eb; } [data-lang] { display: none; } html[lang="zh-CN"] [data-lang="zh-CN"],
  html[lang="en"] [data-lang="en"] { display: revert; }
</style>
</head>
<body>
<main>
  <button id="toggle" type="button">English</button>
  <h1>Stratum <small data-lang="zh-CN">战略客户分级管理</small><small data-lang="en">Strategic customer tiering</small></h1>
  <p class="badge"><span data-lang="zh-CN">占位页面 —— 完整的 Web 界面将在后续版本提供</span><span data-lang="en">Placeholder page — the full web app comes in a later release</span></p>
  <p data-lang="zh-CN">Stratum 是一个开源的战略客户分级与关键客户管理系统：建立客户档案，按透明、可版本化的评分卡为每个客户分级（ABC、RFM、客户终身价值、生命周期、流失预警），把每个等级落实为差异化服务策略，并评估策略效果。</p>
  <p data-lang="en">Stratum is an open-source system for strategic customer tiering and key-account management: it keeps the customer profile, grades every customer on a transparent, versioned scorecard (ABC, RFM, CLV, lifecycle, churn warnings), turns each tier into a service policy, and measures whether the policy works.</p>
  <div class="status" id="status"><span data-lang="zh-CN">正在检查服务状态…</span><span data-lang="en">Checking service status…</span></div>
  <p><a href="/api/docs"><span data-lang="zh-CN">API 文档 (OpenAPI)</span><span data-lang="en">API documentation (OpenAPI)</span></a></p>
</main>
<script>
  (function () {
    var root = document.documentElement;
    var saved = null;
    try { saved = localStorage.getItem('stratum.lang'); } catch (e) {}
    if (saved === 'en' || saved === 'zh-CN') root.lang = saved;
    var toggle = document.getElementById('toggle');
    function label() { toggle.textContent = root.lang === 'en' ? '中文' : 'English'; }
    toggle.addEventListener('click', function () {
      root.lang = root.lang === 'en' ? 'zh-CN' : 'en';
      try { localStorage.setItem('stratum.lang', root.lang); } catch (e) {}
      label();
    });
    label();
    var box = document.getElementById('status');
    function show(ok, zh, en) {
      box.innerHTML = '';
      [['zh-CN', zh], ['en', en]].forEach(function (pair) {
        var span = document.createElement('span');
        span.setAttribute('data-lang', pair[0]);
        span.className = ok ? 'ok' : 'bad';
        span.textContent = pair[1];
        box.appendChild(span);
      });
    }
    fetch('/api/v1/health').then(function (r) { return r.json(); }).then(function (h) {
      var ok = h.status === 'ok';
      var mode = h.database && h.database.mode === 'embedded';
      show(ok,
        (ok ? '运行正常' : '数据库不可用') + ' · 数据库：' + (mode ? '内置 PostgreSQL' : 'PostgreSQL 服务器') + ' · 版本 ' + h.version,
        (ok ? 'Running' : 'Database unavailable') + ' · database: ' + (mode ? 'embedded PostgreSQL' : 'PostgreSQL server') + ' · version ' + h.version);
    }).catch(function () {
      show(false, '无法连接服务', 'Cannot reach the server');
    });
  })();
</script>
</body>
</html>
`;
