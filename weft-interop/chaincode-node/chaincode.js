'use strict';

// The interop chaincode of weft-interop/CHAINCODE.md on Fabric's Node shim (low-level API).
// It knows nothing about Weft. Started as `node chaincode.js` with CORE_CHAINCODE_ID_NAME and
// CORE_PEER_ADDRESS in the environment, as Fabric starts development-mode chaincode.

const shim = require('fabric-shim');

const ok = (text) => shim.success(Buffer.from(text, 'utf8'));
const okBytes = (bytes) => shim.success(Buffer.from(bytes || []));
const json = (value) => ok(JSON.stringify(value));

// Reads every result (or the first `limit`) of a query iterator, then closes it.
async function drain(iterator, limit = Infinity) {
    const results = [];
    try {
        while (results.length < limit) {
            const next = await iterator.next();
            if (next.done) {
                break;
            }
            results.push(next.value);
        }
    } finally {
        await iterator.close();
    }
    return results;
}

const keyValue = (kv) => ({key: kv.key, value: kv.value.toString('utf8')});

function composite(stub, kv) {
    const {objectType, attributes} = stub.splitCompositeKey(kv.key);
    return {objectType, attributes, value: kv.value.toString('utf8')};
}

async function page(response, toEntry) {
    const results = (await drain(response.iterator)).map(toEntry);
    const metadata = response.metadata || {};
    return {
        results,
        fetchedRecordsCount: Number(metadata.fetchedRecordsCount || 0),
        bookmark: metadata.bookmark || '',
    };
}

const functions = {
    async put(stub, [key, value]) {
        await stub.putState(key, Buffer.from(value, 'utf8'));
        return ok('');
    },
    async get(stub, [key]) {
        return okBytes(await stub.getState(key));
    },
    async del(stub, [key]) {
        await stub.deleteState(key);
        return ok('');
    },
    async putGet(stub, [key, value]) {
        await stub.putState(key, Buffer.from(value, 'utf8'));
        return okBytes(await stub.getState(key));
    },
    async range(stub, [start, end]) {
        return json((await drain(await stub.getStateByRange(start, end))).map(keyValue));
    },
    async rangeFirst(stub, [start, end, n]) {
        const read = await drain(await stub.getStateByRange(start, end), parseInt(n, 10));
        return json(read.map((kv) => kv.key));
    },
    async rangePage(stub, [start, end, pageSize, bookmark]) {
        const response = await stub.getStateByRangeWithPagination(start, end, parseInt(pageSize, 10), bookmark);
        return json(await page(response, keyValue));
    },
    async composite(stub, [objectType, ...attributes]) {
        return ok(stub.createCompositeKey(objectType, attributes));
    },
    async putComposite(stub, [value, objectType, ...attributes]) {
        await stub.putState(stub.createCompositeKey(objectType, attributes), Buffer.from(value, 'utf8'));
        return ok('');
    },
    async partial(stub, [objectType, ...attributes]) {
        const results = await drain(await stub.getStateByPartialCompositeKey(objectType, attributes));
        return json(results.map((kv) => composite(stub, kv)));
    },
    async partialPage(stub, [pageSize, bookmark, objectType, ...attributes]) {
        const response = await stub.getStateByPartialCompositeKeyWithPagination(
            objectType, attributes, parseInt(pageSize, 10), bookmark);
        return json(await page(response, (kv) => composite(stub, kv)));
    },
    async history(stub, [key]) {
        const modifications = await drain(await stub.getHistoryForKey(key));
        return json(modifications.map((m) => ({
            txId: m.txId,
            value: m.isDelete ? '' : m.value.toString('utf8'),
            isDelete: m.isDelete,
            seconds: Number(m.timestamp.seconds),
            nanos: Number(m.timestamp.nanos || 0),
        })));
    },
    async setEp(stub, [key, value]) {
        await stub.setStateValidationParameter(key, Buffer.from(value, 'utf8'));
        return ok('');
    },
    async getEp(stub, [key]) {
        return okBytes(await stub.getStateValidationParameter(key));
    },
    async invoke(stub, [chaincode, channel, ...args]) {
        const response = await stub.invokeChaincode(chaincode, args, channel || undefined);
        return json({
            status: response.status,
            message: response.message || '',
            payload: Buffer.from(response.payload || []).toString('utf8'),
        });
    },
    async query(stub, [query]) {
        return json((await drain(await stub.getQueryResult(query))).map(keyValue));
    },
    async privateGet(stub, [collection, key]) {
        return okBytes(await stub.getPrivateData(collection, key));
    },
    async privatePut(stub, [collection, key, value]) {
        await stub.putPrivateData(collection, key, Buffer.from(value, 'utf8'));
        return ok('');
    },
    async event(stub, [name, payload]) {
        stub.setEvent(name, Buffer.from(payload, 'utf8'));
        return ok('');
    },
    async fail(stub, [message]) {
        return shim.error(message);
    },
    async sleep(stub, [millis]) {
        await new Promise((resolve) => setTimeout(resolve, parseInt(millis, 10)));
        return ok('');
    },
    async txinfo(stub) {
        return json({txId: stub.getTxID(), channelId: stub.getChannelID(), args: stub.getArgs()});
    },
};

class InteropChaincode {
    async Init(stub) {
        const args = stub.getArgs();
        return ok('init:' + (args.length > 0 ? args[0] : ''));
    }

    async Invoke(stub) {
        const [name, ...args] = stub.getArgs();
        if (name === 'throw') {
            throw new Error(args[0]);
        }
        const fn = functions[name];
        if (!fn) {
            return shim.error('unknown function ' + name);
        }
        try {
            return await fn(stub, args);
        } catch (err) {
            return shim.error(err.message);
        }
    }
}

module.exports = InteropChaincode;

if (require.main === module) {
    shim.start(new InteropChaincode());
}
