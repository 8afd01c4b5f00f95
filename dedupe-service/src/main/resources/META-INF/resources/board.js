// Storyline story board. Article text is attacker-controlled: it only ever reaches the page through textContent,
// attributes set one by one, and hrefs that parsed as http(s). Nothing here parses data as HTML.
'use strict';

(function () {
  const PAGE_SIZE = 200;
  const SLICES = 16;        // the API's ArticleTimeline.SLICES
  const SVG = 'http://www.w3.org/2000/svg';
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

  const state = {
    filter: readFilter(),
    cards: new Map(),      // story id -> latest card seen (list or stream), by version
    languages: new Set(),
    source: null,          // the EventSource
    reconnectTimer: null,
    openStory: null,       // id of the story in the detail view
    openVersion: -1,
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    connection: $('connection'), cards: $('cards'), empty: $('empty'), count: $('count'),
    board: $('board'), detail: $('detail'), status: $('status'), language: $('language'),
    entityFilter: $('entity-filter'), entityName: $('entity-name'), clearEntity: $('clear-entity'),
  };

  // ---- small DOM helpers: every text goes through textContent ----
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function time(instant) {
    const node = el('time');
    if (!instant) {
      node.textContent = 'unknown';
      return node;
    }
    const date = new Date(instant);
    node.dateTime = instant;
    node.textContent = isNaN(date) ? instant : dateTime.format(date);
    return node;
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  /** Only absolute http(s) URLs become links; anything else (file:, javascript:, data:) stays text. */
  function safeHref(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  function storyHash(id) {
    return '#story/' + encodeURIComponent(id);
  }

  // ---- filters, kept in the query string so a filtered board can be shared ----
  function readFilter() {
    const params = new URLSearchParams(location.search);
    return {
      status: params.get('status') || 'open',
      language: params.get('language') || '',
      entity: params.get('entity') || '',
    };
  }

  function filterParams() {
    const params = new URLSearchParams();
    if (state.filter.status !== 'open') params.set('status', state.filter.status);
    if (state.filter.language) params.set('language', state.filter.language);
    if (state.filter.entity) params.set('entity', state.filter.entity);
    return params;
  }

  function setFilter(change) {
    Object.assign(state.filter, change);
    const query = filterParams().toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : '') + location.hash);
    showFilter();
    connect();
  }

  function showFilter() {
    ui.status.value = state.filter.status;
    ensureLanguage(state.filter.language);
    ui.language.value = state.filter.language;
    ui.entityFilter.hidden = !state.filter.entity;
    ui.entityName.textContent = state.filter.entity;
  }

  function ensureLanguage(code) {
    if (!code || state.languages.has(code)) return;
    state.languages.add(code);
    const option = el('option', null, code);
    option.value = code;
    const before = Array.from(ui.language.options).find((o, i) => i > 0 && o.value > code);
    ui.language.insertBefore(option, before || null);
  }

  // ---- the live connection: stream first, then the list, keeping per story the higher version ----
  function connect() {
    if (state.source) state.source.close();
    clearTimeout(state.reconnectTimer);
    state.cards.clear();
    ui.cards.replaceChildren();
    render();
    const params = filterParams();
    const source = new EventSource('/stories/stream' + (params.toString() ? '?' + params : ''));
    state.source = source;
    source.addEventListener('open', () => {
      status('Live');
      loadList();
    });
    source.addEventListener('story', (event) => upsert(JSON.parse(event.data), true));
    source.addEventListener('removed', (event) => remove(JSON.parse(event.data).id));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        status('Disconnected; retrying…');
        state.reconnectTimer = setTimeout(connect, 3000);
      } else {
        status('Reconnecting…');
      }
    });
  }

  async function loadList() {
    const params = filterParams();
    params.set('size', String(PAGE_SIZE));
    try {
      const response = await fetch('/stories?' + params, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(await problem(response));
      const page = await response.json();
      page.items.forEach((card) => upsert(card, false));
      render(page.total);
    } catch (e) {
      status('Could not load the stories: ' + e.message);
    }
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  function status(text) {
    ui.connection.textContent = text;
  }

  function upsert(card, live) {
    const known = state.cards.get(card.id);
    if (known && known.version > card.version) return;
    const grew = known && card.articleCount > known.articleCount;
    state.cards.set(card.id, card);
    if (card.language) ensureLanguage(card.language);
    const node = cardNode(card);
    const old = ui.cards.querySelector('[data-story-id="' + CSS.escape(card.id) + '"]');
    if (old) old.replaceWith(node); else ui.cards.appendChild(node);
    if (live) node.classList.add(known ? (grew ? 'story-card--grew' : 'story-card--changed') : 'story-card--new');
    place(node, card);
    render();
    if (state.openStory === card.id && card.version > state.openVersion) openStory(card.id, false);
  }

  function remove(id) {
    if (!state.cards.delete(id)) return;
    const node = ui.cards.querySelector('[data-story-id="' + CSS.escape(id) + '"]');
    if (node) node.remove();
    render();
  }

  /** Same order as the API: newest activity (lastSeen) first, then latest snapshot, then id. */
  function compare(a, b) {
    return desc(a.lastSeen, b.lastSeen) || desc(a.updatedAt, b.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function desc(x, y) {
    if (x === y) return 0;
    if (!x) return 1;
    if (!y) return -1;
    return Date.parse(y) - Date.parse(x);
  }

  function place(node, card) {
    const next = Array.from(ui.cards.children).find((other) =>
      other !== node && compare(card, state.cards.get(other.dataset.storyId)) < 0);
    if (next) {
      if (node.nextElementSibling !== next) ui.cards.insertBefore(node, next);
    } else if (node !== ui.cards.lastElementChild) {
      ui.cards.appendChild(node);
    }
  }

  function render(total) {
    const shown = state.cards.size;
    ui.empty.hidden = shown > 0;
    const more = total !== undefined && total > shown ? ' (of ' + total + ')' : '';
    ui.count.textContent = plural(shown, 'story', 'stories') + more;
  }

  // ---- a story card ----
  function cardNode(card) {
    const item = el('li', 'story-card');
    item.dataset.storyId = card.id;
    if (card.status === 'CLOSED') item.classList.add('story-card--closed');

    const heading = el('h2', 'story-card__headline');
    const link = el('a', 'story-card__link', card.headline || '(untitled story)');
    link.href = storyHash(card.id);
    heading.appendChild(link);

    const size = el('p', 'story-card__size');
    size.append(el('strong', 'story-card__count', card.articleCount),
      ' ' + (card.articleCount === 1 ? 'article' : 'articles') + ' · ' + plural(card.sourceCount, 'source', 'sources'));
    if (card.duplicateCount > 0) size.append(' · ' + plural(card.duplicateCount, 'near-duplicate', 'near-duplicates'));
    if (card.status === 'CLOSED') size.append(' · ', el('span', 'badge', 'closed'));
    if (card.language) size.append(' · ', el('span', 'badge', card.language));

    const sources = el('p', 'story-card__sources');
    const names = (card.sources || []).map((s) => s.source);
    sources.textContent = names.length === 0 ? 'no source named'
      : names.slice(0, 4).join(', ') + (names.length > 4 ? ' +' + (names.length - 4) + ' more' : '');

    const times = el('p', 'story-card__times');
    times.append('first ', time(card.firstSeen), ' · last ', time(card.lastSeen));

    item.append(heading, size, sources, timeline(card.timeline, 'story-card__timeline'), entityChips(card.entities, 5), times);
    item.addEventListener('click', (event) => {
      if (event.target.closest('a, button')) return;
      location.hash = storyHash(card.id);
    });
    return item;
  }

  /** Bars of articles per slice of the story's life; described in words for screen readers. */
  function timeline(data, className) {
    const wrap = el('div', className);
    const counts = (data && data.counts) || [];
    if (counts.length === 0) return wrap;
    const max = Math.max.apply(null, counts);
    // at least SLICES slots wide, so a story seen at one instant is one bar at the right end, not a block
    const slots = Math.max(SLICES, counts.length);
    const offset = slots - counts.length;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + slots * 4 + ' 20');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('class', 'sparkline');
    svg.setAttribute('role', 'img');
    const total = counts.reduce((a, b) => a + b, 0);
    const label = plural(total, 'article', 'articles') + ' published ' +
      (data.from === data.to ? 'at ' + dateTime.format(new Date(data.from))
        : 'between ' + dateTime.format(new Date(data.from)) + ' and ' + dateTime.format(new Date(data.to))) +
      '; per period: ' + counts.join(', ');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = label;
    svg.appendChild(title);
    svg.setAttribute('aria-label', label);
    counts.forEach((count, i) => {
      const height = count === 0 ? 1 : 3 + 17 * count / max;
      const bar = document.createElementNS(SVG, 'rect');
      bar.setAttribute('x', String((offset + i) * 4 + 0.5));
      bar.setAttribute('y', String(20 - height));
      bar.setAttribute('width', '3');
      bar.setAttribute('height', String(height));
      bar.setAttribute('class', count === 0 ? 'sparkline__empty' : 'sparkline__bar');
      svg.appendChild(bar);
    });
    wrap.appendChild(svg);
    return wrap;
  }

  function entityChips(entities, limit) {
    const list = el('ul', 'chips');
    list.setAttribute('aria-label', 'Top entities; choose one to show only stories naming it');
    (entities || []).slice(0, limit).forEach((entity) => {
      const item = el('li');
      const chip = el('button', 'chip', entity.name);
      chip.type = 'button';
      chip.dataset.entity = entity.name;
      chip.title = (entity.type ? entity.type.toLowerCase() + ', ' : '') + 'in ' + plural(entity.articles, 'article', 'articles');
      const active = state.filter.entity.toLowerCase() === entity.name.toLowerCase();
      chip.setAttribute('aria-pressed', String(active));
      if (active) chip.classList.add('chip--active');
      chip.addEventListener('click', () => {
        setFilter({ entity: active ? '' : entity.name });
        if (location.hash) location.hash = '';
      });
      item.appendChild(chip);
      list.appendChild(item);
    });
    return list;
  }

  // ---- the detail view, routed by #story/<id> ----
  function route() {
    const match = /^#story\/(.+)$/.exec(location.hash);
    if (match) {
      openStory(decodeURIComponent(match[1]), true);
    } else {
      state.openStory = null;
      state.openVersion = -1;
      document.title = 'Storyline · story board';
      ui.detail.hidden = true;
      ui.board.hidden = false;
    }
  }

  async function openStory(id, focus) {
    if (state.openStory !== id) state.openVersion = -1;
    state.openStory = id;
    ui.board.hidden = true;
    ui.detail.hidden = false;
    try {
      const response = await fetch('/stories/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(await problem(response));
      const detail = await response.json();
      if (state.openStory !== id || detail.card.version < state.openVersion) return;
      state.openVersion = detail.card.version;
      renderDetail(detail);
    } catch (e) {
      if (state.openStory !== id) return;
      $('detail-headline').textContent = 'Story not available';
      $('detail-summary').textContent = e.message;
      ['detail-times', 'detail-entities', 'detail-articles', 'detail-timeline'].forEach((part) => $(part).replaceChildren());
    }
    if (focus) $('detail-headline').focus();
  }

  function renderDetail(detail) {
    const card = detail.card;
    $('detail-headline').textContent = card.headline || '(untitled story)';
    document.title = (card.headline || 'Story') + ' · Storyline';
    const summary = $('detail-summary');
    summary.replaceChildren(plural(card.articleCount, 'article', 'articles') + ' from ' +
      plural(card.sourceCount, 'source', 'sources') + ' (' + (card.sources || []).map((s) => s.source + ' ' + s.articles).join(', ') + ')' +
      (card.duplicateCount ? ', ' + plural(card.duplicateCount, 'near-duplicate', 'near-duplicates') : '') +
      ' · ' + (card.language || 'language unknown') + ' · ' + (card.status === 'CLOSED' ? 'closed' : 'open') +
      ' · version ' + card.version);
    $('detail-times').replaceChildren('First seen ', time(card.firstSeen), ' · last seen ', time(card.lastSeen),
      ' · updated ', time(card.updatedAt));
    $('detail-timeline').replaceChildren(timeline(card.timeline, 'detail__sparkline'));
    $('detail-entities').replaceChildren(...entityChips(card.entities, 50).children);

    const titles = new Map((detail.story.members || []).map((m) => [m.articleId, m.title]));
    const list = $('detail-articles');
    list.replaceChildren(...detail.articles.map((thread) => {
      const item = articleNode(thread.article, titles, detail.story.headlineArticle);
      if (thread.duplicates.length > 0) {
        const copies = el('ol', 'articles articles--duplicates');
        copies.setAttribute('aria-label', plural(thread.duplicates.length, 'near-duplicate', 'near-duplicates') + ' of this article');
        thread.duplicates.forEach((copy) => copies.appendChild(articleNode(copy, titles, detail.story.headlineArticle, true)));
        item.append(el('p', 'article__copies', plural(thread.duplicates.length, 'near-duplicate', 'near-duplicates') + ':'), copies);
      }
      return item;
    }));
  }

  function articleNode(member, titles, headlineArticle, isCopy) {
    const item = el('li', 'article' + (isCopy ? ' article--duplicate' : ''));
    item.dataset.articleId = member.articleId;
    const title = el('p', 'article__title');
    const href = safeHref(member.url);
    const text = member.title || '(untitled)';
    const name = href ? el('a', null, text) : el('span', null, text);
    if (href) {
      name.href = href;
      name.rel = 'noopener noreferrer nofollow';
      name.target = '_blank';
    }
    title.appendChild(name);
    if (member.articleId === headlineArticle) title.append(' ', el('span', 'badge', 'headline'));
    const meta = el('p', 'article__meta');
    meta.append(member.source || 'unknown source', ' · ', time(member.published));
    if (!href && member.url) meta.append(' · ', el('span', 'article__url', member.url));
    const reason = el('p', 'article__reason', reasonText(member, titles));
    item.append(title, meta, reason);
    return item;
  }

  function reasonText(member, titles) {
    const reason = member.reason;
    const shared = reason && reason.sharedEntities && reason.sharedEntities.length
      ? '; shares ' + reason.sharedEntities.slice(0, 6).join(', ') : '';
    if (member.duplicateOf) {
      const original = titles.get(member.duplicateOf);
      const alike = reason ? ' (' + Math.round(100 * reason.textSimilarity) + '% alike)' : '';
      return original !== undefined
        ? 'Near-duplicate of “' + (original || member.duplicateOf) + '”' + alike
        : 'Near-duplicate of article ' + member.duplicateOf + ', which is outside this story' + alike;
    }
    if (!reason) return 'Member (no reason recorded)';
    switch (reason.kind) {
      case 'NEW_STORY': return 'Started the story';
      case 'NEAR_DUPLICATE': return 'Near-duplicate (' + Math.round(100 * reason.textSimilarity) + '% alike)' + shared;
      default: return 'Similar to the story: score ' + reason.score.toFixed(2) + ' (text ' + reason.textSimilarity.toFixed(2) +
        ', entities ' + reason.entityOverlap.toFixed(2) + ')' + shared;
    }
  }

  // ---- wiring ----
  ui.status.addEventListener('change', () => setFilter({ status: ui.status.value }));
  ui.language.addEventListener('change', () => setFilter({ language: ui.language.value }));
  ui.clearEntity.addEventListener('click', () => setFilter({ entity: '' }));
  $('filters').addEventListener('submit', (event) => event.preventDefault());
  $('back').addEventListener('click', (event) => {
    event.preventDefault();
    const last = state.openStory;
    history.pushState(null, '', location.pathname + location.search);
    route();
    const link = last && ui.cards.querySelector('[data-story-id="' + CSS.escape(last) + '"] a');
    if (link) link.focus();
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);

  showFilter();
  connect();
  route();
})();
