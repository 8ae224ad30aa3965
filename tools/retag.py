"""Re-derive every framework's use-case tags and their evidence from the written criteria
(use_cases[].fit in data/catalog.yaml, coded below as C) and the current feature cells and
ratings, splicing only the `use_cases:` block of each entry into the catalog (the rest of the file
is left byte for byte). A tag is re-evaluated, never invented: strong when the strong criterion is
met, good when only the good one is, dropped otherwise (EXC keeps a documented exception).
Run after changing cells: `python3 tools/retag.py data/catalog.yaml` (needs PyYAML), then
`cargo run -- catalog validate data/catalog.yaml` and the tests. Keep C in step with the `fit` texts."""
import sys, yaml, re
path = sys.argv[1] if len(sys.argv) > 1 else 'data/catalog.yaml'
text = open(path).read()
d = yaml.safe_load(text)
L={'builtin':3,'official':2,'community':1,'none':0}
def lv(f,k):
    c=f['features'][k]
    return L[c if isinstance(c,str) else c['level']]
def sc(f,k): return f['scores'][k]
STATIC={'java','kotlin','scala','csharp','fsharp','go','rust','swift','cpp','typescript'}
# criterion: (strong-test, good-test, features-to-cite)
C={
'api':(lambda f: lv(f,'validation')>=2 and lv(f,'openapi')>=1, lambda f: lv(f,'routing')>=2, ['routing','validation','openapi']),
'microservices':(lambda f: sc(f,'scalability')>=4 and (f['kind'] in ('micro','api') or lv(f,'aot')>=2 or lv(f,'grpc')>=2), lambda f: sc(f,'scalability')>=3.5, ['aot','grpc','testing']),
'real-time':(lambda f: lv(f,'realtime')>=2, lambda f: lv(f,'realtime')>=1, ['realtime']),
'streaming':(lambda f: lv(f,'realtime')>=2 and sc(f,'scalability')>=4, lambda f: lv(f,'realtime')>=1 and sc(f,'scalability')>=3.5, ['realtime']),
'chat':(lambda f: lv(f,'realtime')>=2 and sc(f,'scalability')>=4.5, lambda f: lv(f,'realtime')>=1 and sc(f,'scalability')>=3.5, ['realtime']),
'enterprise':(lambda f: lv(f,'dependency_injection')>=2 and lv(f,'security')>=2 and 'support' in f['facts'], lambda f: lv(f,'dependency_injection')>=2 or (lv(f,'security')>=2 and 'support' in f['facts']), ['dependency_injection','security']),
'fintech':(lambda f: lv(f,'security')>=2 and lv(f,'orm')>=2 and f['languages'][0] in STATIC, lambda f: lv(f,'security')>=2 and lv(f,'orm')>=1, ['security','orm']),
'saas':(lambda f: min(lv(f,'auth'),lv(f,'orm'),lv(f,'background_jobs'))>=2, lambda f: min(lv(f,'auth'),lv(f,'orm'),lv(f,'background_jobs'))>=1, ['auth','orm','background_jobs']),
'ecommerce':(lambda f: min(lv(f,'auth'),lv(f,'orm'))>=2 and lv(f,'admin')>=1, lambda f: min(lv(f,'auth'),lv(f,'orm'))>=1, ['orm','auth','admin']),
'cms':(lambda f: lv(f,'templating')>=2 and lv(f,'orm')>=2 and lv(f,'admin')>=1, lambda f: lv(f,'templating')>=2 and lv(f,'orm')>=1, ['templating','admin','orm']),
'mvp':(lambda f: min(lv(f,'scaffolding'),lv(f,'orm'),lv(f,'auth'))>=2, lambda f: (lv(f,'scaffolding')>=2 or sc(f,'productivity')>=3.5) and lv(f,'orm')>=1, ['scaffolding','orm','auth']),
'marketplace':(lambda f: min(lv(f,'auth'),lv(f,'orm'),lv(f,'background_jobs'))>=2, lambda f: min(lv(f,'auth'),lv(f,'orm'),lv(f,'background_jobs'))>=1, ['auth','orm','background_jobs']),
'ai-ml':(lambda f: f['languages'][0]=='python' and lv(f,'realtime')>=1, lambda f: lv(f,'realtime')>=1 and lv(f,'openapi')>=1, ['realtime','openapi']),
'data-driven':(lambda f: lv(f,'orm')>=2 and lv(f,'admin')>=2, lambda f: lv(f,'orm')>=2, ['orm','admin']),
'prototype':(lambda f: f['kind'] in('micro','api') and (sc(f,'productivity')>=3.5 or sc(f,'community')>=4.5), lambda f: lv(f,'scaffolding')>=2 or f['kind'] in ('micro','api'), ['routing','scaffolding']),
'cloud-native':(lambda f: lv(f,'aot')>=2 and sc(f,'scalability')>=4.5, lambda f: sc(f,'scalability')>=4, ['aot','grpc']),
'spa-backend':(lambda f: lv(f,'auth')>=2 and lv(f,'validation')>=2 and lv(f,'openapi')>=2 and lv(f,'middleware')>=2, lambda f: lv(f,'auth')>=1 and lv(f,'validation')>=1, ['auth','validation','openapi','middleware']),
'api-gateway':(lambda f: sc(f,'performance')>=4 and lv(f,'middleware')>=3, lambda f: sc(f,'performance')>=3 and lv(f,'middleware')>=2, ['middleware']),
'business-app':(lambda f: min(lv(f,'auth'),lv(f,'templating'),lv(f,'orm'))>=2 and lv(f,'admin')>=1, lambda f: min(lv(f,'auth'),lv(f,'templating'),lv(f,'orm'))>=1, ['auth','templating','admin','orm']),
'serverless':(lambda f: lv(f,'serverless')>=2 and (lv(f,'aot')>=2 or lv(f,'edge')>=2), lambda f: lv(f,'serverless')>=1, ['serverless','aot','edge']),
}
EXC={('spring-boot','api-gateway'):('good',"Spring Cloud Gateway, the Spring project's own API gateway, runs on Spring Boot",'SPRING_CLOUD_GATEWAY_DOCS')}
NAMES={3:'builtin',2:'official',1:'community',0:'none'}
def main_source(f):
    return f['facts']['license']['source']
def why(f,t,strength):
    _,_,feats=C[t]
    parts=[]
    src=None
    for k in feats:
        c=f['features'][k]; c=c if isinstance(c,dict) else {'level':c}
        parts.append(f"{k.replace('_',' ')} {c['level']}" + (f" ({c['provided_by'].split(';')[0].split(' (')[0][:60]})" if c.get('provided_by') and c['level']!='none' else ''))
        if src is None and c.get('source') and c['level']!='none': src=c['source']
    extra=[]
    if t in('microservices','streaming','chat','cloud-native'): extra.append(f"scalability {f['scores']['scalability']}")
    if t=='api-gateway': extra.append(f"performance {f['scores']['performance']}")
    if t=='microservices': extra.append(f"kind {f['kind']}")
    if t in('prototype','mvp'): extra.append(f"productivity {f['scores']['productivity']}")
    if t=='prototype': extra.append(f"kind {f['kind']}")
    if t in('fintech','ai-ml'): extra.append(f"primary language {f['languages'][0]}")
    if t=='enterprise' and 'support' in f['facts']: extra.append('published support policy'); src=src or f['facts']['support']['source']
    return f"{strength} criterion met: "+'; '.join(parts+extra), src or main_source(f)

class D(yaml.SafeDumper): pass
changes = []
for f in d['frameworks']:
    uc = f['use_cases']; ns = []; ng = []
    for t in list(uc['strong']) + list(uc['good']):
        s, g, _ = C[t]
        if s(f): ns.append(t)
        elif g(f) or (f['id'], t) in EXC: ng.append(t)
        else: changes.append((f['id'], t, 'dropped'))
    for t in uc['strong']:
        if t not in ns: changes.append((f['id'], t, 'strong->' + ('good' if t in ng else 'dropped')))
    ev = []
    for strength, tags in (('strong', ns), ('good', ng)):
        for t in tags:
            if (f['id'], t) in EXC:
                _, w, s = EXC[(f['id'], t)]; ev.append({'id': t, 'why': w, 'source': s}); continue
            w, s = why(f, t, strength); ev.append({'id': t, 'why': w, 'source': s})
    block = yaml.dump({'use_cases': {'strong': ns, 'good': ng, 'evidence': ev}}, Dumper=D, sort_keys=False,
                      width=110, allow_unicode=True, default_flow_style=False)
    block = ''.join('  ' + line + '\n' for line in block.splitlines())
    start = text.index('\n- id: ' + f['id'] + '\n')
    a = text.index('\n  use_cases:\n', start) + 1
    b = text.index('\n  use_when:', a) + 1
    text = text[:a] + block + text[b:]
for c in changes: print(*c)
open(path, 'w').write(text)
