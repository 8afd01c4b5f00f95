// Storyline story board: storylines (developing stories), each with its events as dated chapters; an event opens
// with its articles. Article text is attacker-controlled: it only ever reaches the page through textContent,
// attributes set one by one, and hrefs that parsed as http(s). Nothing here parses data as HTML.
'use strict';

(function () {
  const PAGE_SIZE = 200;
  const SLICES = 16;        // the API's ArticleTimeline.SLICES
  const CARD_CHAPTERS = 5;  // chapters a storyline card shows: the latest ones; the storyline view has them all
  const CARD_SOURCES = 2;   // source names a chapter line shows before "…"
  const SVG = 'http://www.w3.org/2000/svg';
  const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  // event days are calendar days (datelines, dates in the text), so they are shown in UTC, as the API states them
  const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dayWithYear = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

  const state = {
    filter: readFilter(),
    cards: new Map(),      // storyline id -> latest card seen (list or stream)
    languages: new Set(),
    source: null,          // the EventSource
    reconnectTimer: null,
    openStory: null,       // id of the story (event) in the detail view
    openVersion: -1,
    openStoryline: null,   // id of the storyline in the storyline view
    openStorylineSeen: null,
  };

  const $ = (id) => document.getElementById(id);
  const ui = {
    connection: $('connection'), cards: $('cards'), empty: $('empty'), count: $('count'),
    board: $('board'), detail: $('detail'), storylineDetail: $('storyline-detail'),
    status: $('status'), language: $('language'),
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

  /** "Apr 13", or "Apr 13 – Apr 14" for an event over several days (with years when they differ); '' when undated. */
  function dayRange(first, last) {
    const from = first || last;
    const to = last || first;
    if (!from) return '';
    const a = new Date(from);
    const b = new Date(to);
    if (isNaN(a) || isNaN(b)) return '';
    const format = a.getUTCFullYear() === b.getUTCFullYear() ? day : dayWithYear;
    const start = format.format(a);
    const end = format.format(b);
    return start === end ? start : start + ' – ' + end;
  }

  /** A <time> for a day range, with the exact instants in its title; null when undated. */
  function dayRangeNode(first, last, className) {
    const text = dayRange(first, last);
    if (!text) return null;
    const node = el('time', className, text);
    node.dateTime = first || last;
    const a = dateTime.format(new Date(first || last));
    const b = dateTime.format(new Date(last || first));
    node.title = a === b ? a : a + ' – ' + b;
    return node;
  }

  /** "4 sources · China News Agency, Xinhua, …": the count, then the first names of the event's source list. */
  function sourcesText(count, names, limit) {
    const list = names || [];
    const shown = list.slice(0, limit);
    const more = list.length > shown.length || count > shown.length;
    return plural(count, 'source', 'sources') + (shown.length ? ' · ' + shown.join(', ') + (more ? ', …' : '') : '');
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

  function storylineHash(id) {
    return '#storyline/' + encodeURIComponent(id);
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

  // ---- the live connection: stream first, then the list, keeping per storyline the fresher card ----
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
    source.addEventListener('storyline', (event) => upsert(JSON.parse(event.data), true));
    source.addEventListener('storyline-removed', (event) => remove(JSON.parse(event.data).id));
    // an event's own changes matter only to its open detail view; its storyline card comes as 'storyline'
    source.addEventListener('story', (event) => {
      const card = JSON.parse(event.data);
      if (state.openStory === card.id && card.version > state.openVersion) openStory(card.id, false);
    });
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
      const response = await fetch('/storylines?' + params, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(await problem(response));
      const page = await response.json();
      page.items.forEach((card) => upsert(card, false));
      render(page.total);
    } catch (e) {
      status('Could not load the storylines: ' + e.message);
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

  /**
   * How fresh a card is: its storyline version, then (a changed event re-announces its storyline under the same
   * version) the versions of its chapters' event snapshots, which only grow.
   */
  function fresher(card, known) {
    if (card.version !== known.version) return card.version > known.version;
    return chapterVersions(card) >= chapterVersions(known);
  }

  function chapterVersions(card) {
    return (card.chapters || []).reduce((sum, c) => sum + (c.version || 0), 0);
  }

  function upsert(card, live) {
    const known = state.cards.get(card.id);
    if (known && !fresher(card, known)) return;
    const grew = known && (card.articleCount > known.articleCount || card.eventCount > known.eventCount);
    state.cards.set(card.id, card);
    if (card.language) ensureLanguage(card.language);
    const node = cardNode(card, live ? known : undefined);
    const old = ui.cards.querySelector('[data-storyline-id="' + CSS.escape(card.id) + '"]');
    if (old) old.replaceWith(node); else ui.cards.appendChild(node);
    if (live) node.classList.add(known ? (grew ? 'storyline-card--grew' : 'storyline-card--changed') : 'storyline-card--new');
    place(node, card);
    render();
    if (state.openStoryline === card.id) openStoryline(card.id, false);
  }

  function remove(id) {
    if (!state.cards.delete(id)) return;
    const node = ui.cards.querySelector('[data-storyline-id="' + CSS.escape(id) + '"]');
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
      other !== node && compare(card, state.cards.get(other.dataset.storylineId)) < 0);
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
    ui.count.textContent = plural(shown, 'storyline', 'storylines') + more;
  }

  // ---- a storyline card: its latest events as dated chapters ----
  function cardNode(card, known) {
    const item = el('li', 'storyline-card');
    item.dataset.storylineId = card.id;
    if (card.status === 'CLOSED') item.classList.add('storyline-card--closed');

    const heading = el('h2', 'storyline-card__headline');
    const link = el('a', 'storyline-card__link', card.headline || '(untitled storyline)');
    link.href = storylineHash(card.id);
    heading.appendChild(link);

    const size = el('p', 'storyline-card__size');
    size.append(el('strong', 'storyline-card__count', card.eventCount),
      ' ' + (card.eventCount === 1 ? 'event' : 'events') + ' · ' + plural(card.articleCount, 'article', 'articles') +
      ' · ' + plural(card.sourceCount, 'source', 'sources'));
    if (card.status === 'CLOSED') size.append(' · ', el('span', 'badge', 'closed'));
    if (card.language) size.append(' · ', el('span', 'badge', card.language));

    const parts = [heading, size];
    const dates = dayRangeNode(card.firstSeen, card.lastSeen, 'storyline-card__dates');
    if (dates) parts.push(dates);
    parts.push(entityChips(card.entities, 5));

    const chapters = card.chapters || [];
    const shown = chapters.slice(-CARD_CHAPTERS);
    const earlier = Math.max(card.eventCount, chapters.length) - shown.length;
    const list = el('ol', 'chapters');
    list.setAttribute('aria-label', 'Events, oldest first');
    if (earlier > 0) {
      const more = el('li', 'chapters__more');
      const all = el('a', null, plural(earlier, 'earlier event', 'earlier events'));
      all.href = storylineHash(card.id);
      more.appendChild(all);
      list.appendChild(more);
    }
    const before = new Map(((known && known.chapters) || []).map((c) => [c.storyId, c]));
    shown.forEach((chapter) => {
      const node = chapterNode(chapter, false);
      const old = before.get(chapter.storyId);
      if (known && (!old || (chapter.version || 0) > (old.version || 0) || chapter.articleCount !== old.articleCount)) {
        node.classList.add('chapter--changed');
      }
      list.appendChild(node);
    });
    parts.push(list);
    item.append(...parts);
    item.addEventListener('click', (event) => {
      if (event.target.closest('a, button')) return;
      location.hash = storylineHash(card.id);
    });
    return item;
  }

  /** One event of a storyline: its days (none when undated), headline (opening its articles), size, sources, entities. */
  function chapterNode(chapter, full) {
    const item = el('li', 'chapter');
    item.dataset.storyId = chapter.storyId;
    if (chapter.status === 'CLOSED') item.classList.add('chapter--closed');
    const dates = dayRangeNode(chapter.firstSeen, chapter.lastSeen, 'chapter__date');
    if (dates) item.appendChild(dates); else item.classList.add('chapter--undated');

    const title = el('p', 'chapter__headline');
    const link = el('a', 'chapter__link', chapter.headline || '(untitled event)');
    link.href = storyHash(chapter.storyId);
    title.appendChild(link);

    const meta = el('p', 'chapter__meta');
    const names = chapter.sources || [];
    const sources = el('span', 'chapter__sources', sourcesText(chapter.sourceCount, names, full ? names.length : CARD_SOURCES));
    if (names.length) sources.title = names.join(', ');
    meta.append(el('strong', 'chapter__count', chapter.articleCount),
      ' ' + (chapter.articleCount === 1 ? 'article' : 'articles') + ' · ', sources);
    if (full && chapter.duplicateCount) meta.append(' · ' + plural(chapter.duplicateCount, 'near-duplicate', 'near-duplicates'));
    if (chapter.status === 'CLOSED') meta.append(' · ', el('span', 'badge', 'closed'));

    item.append(title, meta);
    if (full) item.appendChild(timeline(chapter.timeline, 'chapter__timeline'));
    if (chapter.entities && chapter.entities.length) item.appendChild(entityChips(chapter.entities, full ? 12 : 3));
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
    list.setAttribute('aria-label', 'Top entities; choose one to show only storylines naming it');
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

  // ---- the detail views, routed by #storyline/<id> and #story/<id> ----
  function route() {
    const story = /^#story\/(.+)$/.exec(location.hash);
    const storyline = /^#storyline\/(.+)$/.exec(location.hash);
    if (!story) {
      state.openStory = null;
      state.openVersion = -1;
    }
    if (!storyline) {
      state.openStoryline = null;
      state.openStorylineSeen = null;
    }
    if (story) {
      openStory(decodeURIComponent(story[1]), true);
    } else if (storyline) {
      openStoryline(decodeURIComponent(storyline[1]), true);
    } else {
      document.title = 'Storyline · story board';
      show(ui.board);
    }
  }

  function show(section) {
    [ui.board, ui.detail, ui.storylineDetail].forEach((part) => { part.hidden = part !== section; });
  }

  async function openStoryline(id, focus) {
    if (state.openStoryline !== id) state.openStorylineSeen = null;
    state.openStoryline = id;
    show(ui.storylineDetail);
    try {
      const response = await fetch('/storylines/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(await problem(response));
      const detail = await response.json();
      if (state.openStoryline !== id) return;
      if (state.openStorylineSeen && !fresher(detail.card, state.openStorylineSeen)) return;
      state.openStorylineSeen = detail.card;
      renderStoryline(detail);
    } catch (e) {
      if (state.openStoryline !== id) return;
      $('storyline-headline').textContent = 'Storyline not available';
      $('storyline-summary').textContent = e.message;
      ['storyline-times', 'storyline-entities', 'storyline-chapters'].forEach((part) => $(part).replaceChildren());
    }
    if (focus) $('storyline-headline').focus();
  }

  function renderStoryline(detail) {
    const card = detail.card;
    $('storyline-headline').textContent = card.headline || '(untitled storyline)';
    document.title = (card.headline || 'Storyline') + ' · Storyline';
    $('storyline-summary').textContent = plural(card.eventCount, 'event', 'events') + ' · ' +
      plural(card.articleCount, 'article', 'articles') + ' · ' +
      sourcesText(card.sourceCount, card.sources, (card.sources || []).length) +
      ' · ' + (card.language || 'language unknown') + ' · ' + (card.status === 'CLOSED' ? 'closed' : 'open') +
      ' · version ' + card.version;
    const range = dayRangeNode(card.firstSeen, card.lastSeen, null);
    $('storyline-times').replaceChildren(...(range ? [range, ' · '] : ['no dated event · ']), 'updated ', time(card.updatedAt));
    $('storyline-entities').replaceChildren(...entityChips(card.entities, 50).children);
    $('storyline-chapters').replaceChildren(...detail.chapters.map((chapter) => chapterNode(chapter, true)));
  }

  async function openStory(id, focus) {
    if (state.openStory !== id) state.openVersion = -1;
    state.openStory = id;
    show(ui.detail);

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
      ['detail-storyline', 'detail-times', 'detail-entities', 'detail-articles', 'detail-timeline'].forEach((part) => $(part).replaceChildren());
    }
    if (focus) $('detail-headline').focus();
  }

  function renderDetail(detail) {
    const card = detail.card;
    $('detail-headline').textContent = card.headline || '(untitled story)';
    document.title = (card.headline || 'Story') + ' · Storyline';
    const storyline = detail.storyline;
    const storylineId = storyline ? storyline.id : card.storylineId;
    if (storylineId) {
      const link = el('a', null, storyline ? (storyline.headline || '(untitled storyline)') : 'its storyline');
      link.href = storylineHash(storylineId);
      $('detail-storyline').replaceChildren('One event of the storyline ', link,
        storyline ? ' (' + plural(storyline.eventCount, 'event', 'events') + ')' : '');
    } else {
      $('detail-storyline').replaceChildren();
    }
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
  function back(event) {
    event.preventDefault();
    const story = state.openStory;
    const storyline = state.openStoryline;
    history.pushState(null, '', location.pathname + location.search);
    route();
    const link = (story && ui.cards.querySelector('.chapter[data-story-id="' + CSS.escape(story) + '"] a')) ||
      (storyline && ui.cards.querySelector('[data-storyline-id="' + CSS.escape(storyline) + '"] .storyline-card__link'));
    if (link) link.focus();
  }
  $('back').addEventListener('click', back);
  $('storyline-back').addEventListener('click', back);
  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);

  showFilter();
  connect();
  route();
})();
